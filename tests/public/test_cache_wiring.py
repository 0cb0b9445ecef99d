"""A revoked certificate takes the public profile down at once, cache or no cache (guideline 2.11: profiles
of certified units "เผยแพร่ขยายผล" — only while the certification stands)."""

import pytest

from apps.certification.services import revoke_certificate
from apps.certification.signals import certificate_changed
from apps.public import cache
from apps.public.selectors import unit_slug

pytestmark = pytest.mark.django_db


def url(unit):
    return f"/units/{unit.pk}-{unit_slug(unit.name)}/"


def test_revoking_answers_410_immediately_for_anonymous(
    client, published, staff, django_capture_on_commit_callbacks
):
    unit = published.unit
    assert client.get(url(unit)).status_code == 200
    assert client.get(url(unit)).status_code == 200  # now served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        revoke_certificate(unit.certificates.get(), by=staff, reason="ตรวจพบเอกสารไม่ถูกต้อง")
    r = client.get(url(unit))
    assert r.status_code == 410 and "การรับรองของหน่วยนับนี้ถูกเพิกถอนแล้ว" in r.content.decode()


def test_certificate_changed_signal_bumps_the_cache_generation(published, django_capture_on_commit_callbacks):
    """Even a change that bypasses post_save (a queryset update) is covered by the certification signal."""
    cert = published.unit.certificates.get()
    before = cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_changed.send(sender=type(cert), certificate=cert, action="revoked")
    assert cache.generation() != before


def test_reinstating_brings_the_profile_back_at_once(
    client, published, staff, django_capture_on_commit_callbacks
):
    from apps.certification.services import reinstate_certificate

    unit = published.unit
    cert = unit.certificates.get()
    with django_capture_on_commit_callbacks(execute=True):
        revoke_certificate(cert, by=staff, reason="เพิกถอนผิดใบ")
    assert client.get(url(unit)).status_code == 410
    assert client.get(url(unit)).status_code == 410  # now served from the cache
    seen = []

    def receiver(sender, certificate, action, **kw):
        seen.append(action)

    certificate_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            reinstate_certificate(cert, by=staff, reason="ตรวจสอบแล้วว่าเพิกถอนผิดใบ")
    finally:
        certificate_changed.disconnect(receiver)
    assert seen == ["reinstated"]
    r = client.get(url(unit))
    assert r.status_code == 200 and unit.name in r.content.decode()
