"""The public cache is renewed by what public pages show, and by nothing else: a deadline day's internal photos
and the edits of units still on their way leave it (and the directory index kept per generation) alone."""

import threading
import time

import pytest

from apps.public import cache
from apps.registry.models import Photo
from tests.factories import UnitFactory

from .factories import certified_unit, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def bumps(monkeypatch):
    seen = []
    real = cache._new_generation

    def counting():
        seen.append(1)
        real()

    monkeypatch.setattr(cache, "_new_generation", counting)
    return seen


def test_an_internal_photo_leaves_the_public_cache_alone(unit, bumps, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        p = photo(unit, public=False)
        p.caption = "ภาพการประชุมกลุ่ม (ภายใน)"
        p.save()
        Photo.objects.get(pk=p.pk).delete()
    assert bumps == []


def test_a_public_photo_renews_it_when_saved_made_internal_or_deleted(
    unit, bumps, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = photo(unit, public=True)
    assert bumps, "a new public photo of a certified unit shows on its profile"
    bumps.clear()
    internal = Photo.objects.get(pk=p.pk)
    internal.is_public = False
    internal.save()
    assert bumps, "a photo made internal must leave the profile at once"
    bumps.clear()
    internal.save()  # internal now, and was internal before: nothing public changed
    assert bumps == []
    public = photo(unit, public=True)
    bumps.clear()
    public.delete()
    assert bumps


def test_a_unit_renews_it_only_when_certified(bumps):
    on_its_way = UnitFactory(name="กลุ่มทอผ้าบ้านใหม่ (ยังไม่ผ่านการรับรอง)")
    on_its_way.members_count = 31
    on_its_way.save()
    assert bumps == []
    certified = certified_unit(name="กลุ่มออมทรัพย์บ้านหนองปลา")
    bumps.clear()
    certified.members_count = 45
    certified.save()
    assert bumps


def test_a_district_exemplar_renews_it(published, bumps):
    """The home page lists this year's exemplars (guideline 2.8)."""
    from apps.evaluation.models import Exemplar

    enrolment = published.unit.enrolments.get()
    Exemplar.objects.create(
        year=enrolment.year, district_id=published.unit.district_id, enrolment=enrolment, reason="ผลงานเด่น"
    )
    assert bumps


def test_a_shared_value_is_built_once_while_another_process_builds_it(monkeypatch):
    """The other process holds the build lock: this one waits for its value instead of asking the database."""
    from django.core.cache import cache as django_cache

    monkeypatch.setattr(cache, "BUILD_WAIT_S", 2)
    key = f"public:{cache.generation()}:shared:index-test"
    assert django_cache.add(f"{key}:building", 1, 10)
    threading.Timer(0.2, lambda: django_cache.set(key, ["built elsewhere"], 60)).start()
    built = []
    assert cache.shared("index-test", lambda: built.append(1) or ["built here"]) == ["built elsewhere"]
    assert built == []


def test_a_shared_value_is_built_anyway_when_the_builder_is_gone(monkeypatch):
    from django.core.cache import cache as django_cache

    monkeypatch.setattr(cache, "BUILD_WAIT_S", 0.2)
    key = f"public:{cache.generation()}:shared:index-gone"
    assert django_cache.add(f"{key}:building", 1, 10)
    started = time.monotonic()
    assert cache.shared("index-gone", lambda: ["built here"]) == ["built here"]
    assert time.monotonic() - started < 2
