"""After seed_demo (with the FY 2569 certificates the certification demo makes in the merged tree), an anonymous
visitor finds a certified unit by its Thai name and opens its profile; no private field of any demo unit leaks."""

import types

import pytest
from django.core.management import call_command

from apps.certification.models import Certificate
from apps.public import demo
from apps.public.models import PublicProfile
from apps.public.selectors import unit_slug
from apps.registry.models import Unit

pytestmark = pytest.mark.django_db


def test_demo_profiles_search_and_no_private_field_anywhere(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    assert Certificate.objects.exists()  # apps/certification/demo.py ran before the public demo
    from apps.accounts.models import User
    from apps.geo.models import Province
    from apps.registry.models import ProgrammeYear

    ctx = types.SimpleNamespace(
        province=Province.objects.get(code="65"),
        stdout=types.SimpleNamespace(write=lambda s: None),
        users={u.email.split("@")[0]: u for u in User.objects.all()},
        years={y.fiscal_year: y for y in ProgrammeYear.objects.filter(province_id="65")},
    )
    demo.seed(ctx)
    n = PublicProfile.objects.count()
    demo.seed(ctx)  # idempotent
    assert n == PublicProfile.objects.count() == Certificate.objects.valid().count()
    assert PublicProfile.objects.filter(published_at__isnull=False).count() > n // 2

    unit = Unit.objects.filter(public_profile__published_at__isnull=False, target_type="group").first()
    html = client.get("/units/", {"q": unit.name}).content.decode()
    path = f"/units/{unit.pk}-{unit_slug(unit.name)}/"
    from django.utils.encoding import iri_to_uri

    assert iri_to_uri(path) in html or path in html
    assert unit.name in client.get(path).content.decode()

    secrets = set()
    for u in Unit.objects.all():
        secrets |= {s for s in (u.national_id, u.phone, u.address) if s}
    pages = ["/", "/units/", "/sitemap.xml"] + [
        f"/units/{u.pk}-{unit_slug(u.name)}/" for u in Unit.objects.filter(public_profile__isnull=False)
    ]
    pages += [f"/units/?page={p}" for p in (2, 3, 4)]
    for page in pages:
        html = client.get(page).content.decode()
        leaked = [s for s in secrets if s in html]
        assert not leaked, (page, leaked)
        assert "ภาพภายใน" not in html


def test_the_second_province_shows_apart(settings, client):
    """Sukhothai (64, apps/workspace/demo_sukhothai.py): its certified units are in the public directory under
    their own province, never under Phitsanulok's, and its staff log in to a province of their own."""
    settings.DEBUG = True
    call_command("seed_demo")
    ours = list(Unit.objects.filter(district__province_id="64", public_profile__published_at__isnull=False))
    theirs = list(Unit.objects.filter(district__province_id="65", public_profile__published_at__isnull=False))
    assert 4 <= len(ours) < len(theirs)
    assert Certificate.objects.filter(unit__in=ours, year__province_id="64").count() == len(ours)
    page64 = client.get("/units/", {"province": "64"}).content.decode()
    page65 = client.get("/units/", {"province": "65", "q": ours[0].name}).content.decode()
    assert all(u.name in page64 for u in ours) and "สุโขทัย" in page64
    assert not [u.name for u in theirs if u.name in page64]
    assert f"/units/{ours[0].pk}-" not in page65
    profile = client.get(f"/units/{ours[0].pk}-{unit_slug(ours[0].name)}/").content.decode()
    assert "สุโขทัย" in profile and "พิษณุโลก" not in profile
    from apps.certification.models import HistoricCertificate

    old = HistoricCertificate.objects.filter(province_id="64").select_related("unit").first()
    page = client.get(f"/verify/{old.code}/").content.decode()
    assert "ออกก่อนใช้ระบบ" in page and str(old.fiscal_year) in page
    assert "ออกก่อนใช้ระบบ" in client.get(f"/units/{old.unit_id}-{unit_slug(old.unit.name)}/").content.decode()
    r = client.post("/accounts/login/", {"login": "sukhothai@example.org", "password": "mchch-demo-2570"})
    assert r.status_code == 302
    units = client.get("/app/units/").content.decode()
    assert ours[0].name in units and not [u.name for u in theirs if u.name in units]
