"""Issue 19 item 2: consent to publication per person and purpose, its withdrawal (at once, cache included,
audited), and the checker's phone/address exception honouring recorded consent."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.models import AuditEvent
from apps.public import services
from apps.registry.models import Consent, Photo
from apps.registry.services_consent import record_consent, withdraw_consent

from .factories import certify, jpeg, leader, photo

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def person(db):
    unit = leader()
    certify(unit)
    return unit


def _consent(unit, by, *purposes, channel="typed", scan=None):
    return record_consent(
        unit, purposes=list(purposes), given_by=unit.name, given_on=TODAY, channel=channel, scan=scan, by=by
    )


def _publish(unit, by, summary):
    profile = services.profile_for(unit)
    services.save_draft(profile, by=by, summary=summary, results="", practices="", version=profile.version)
    services.publish_profile(profile, by=by)
    return profile


def _profile_url(unit):
    from apps.public.profiles import profile_path

    return profile_path(unit.pk, unit.name)


def test_a_phone_is_published_only_with_the_persons_consent(person, staff):
    text = "สอบถามการเรียนรู้ได้ที่ โทร 089 123 4567"  # the leader's own phone, typed another way
    with pytest.raises(ValidationError, match="หมายเลขโทรศัพท์"):
        _publish(person, staff, text)
    _consent(person, staff, "phone")
    _publish(person, staff, text)
    # another phone is still personal data
    with pytest.raises(ValidationError, match="081-000-0000"):
        _publish(person, staff, text + " หรือ 081-000-0000")


def test_an_address_needs_its_own_consent(person, staff):
    text = "ศูนย์เรียนรู้ตั้งอยู่ที่ 99/1 หมู่ 3 ถนนลับเฉพาะ"
    _consent(person, staff, "phone")
    with pytest.raises(ValidationError, match="ที่อยู่"):
        _publish(person, staff, text)
    _consent(person, staff, "address")
    _publish(person, staff, text)


def test_withdrawing_phone_consent_takes_the_phone_off_a_cached_profile_at_once(client, person, staff):
    [c] = _consent(person, staff, "phone")
    _publish(person, staff, "สอบถามได้ที่ 0891234567 ทุกวัน")
    url = _profile_url(person)
    assert "0891234567" in client.get(url).content.decode()  # now cached for anonymous visitors
    withdraw_consent(c, withdrawn_on=TODAY, channel="typed", note="แจ้งทางโทรศัพท์", by=staff)
    body = client.get(url).content.decode()
    assert "0891234567" not in body and person.name in body  # the text is withheld, the page stays
    ev = AuditEvent.objects.get(action="consent.withdrawn")
    assert ev.after["purpose"] == "phone" and ev.reason == "แจ้งทางโทรศัพท์"


def test_withdrawing_name_consent_hides_a_leaders_profile_and_blocks_publishing(client, person, staff):
    [c] = _consent(person, staff, "name")
    profile = _publish(person, staff, "ผู้นำด้านการออม")
    url = _profile_url(person)
    assert client.get(url).status_code == 200
    withdraw_consent(c, withdrawn_on=TODAY, channel="paper", by=staff)
    assert client.get(url).status_code in (404, 410)
    profile.refresh_from_db()
    assert profile.is_hidden
    with pytest.raises(ValidationError, match="ถอนความยินยอมให้เผยแพร่ชื่อ"):
        services.unhide_profile(profile, by=staff)
    with pytest.raises(ValidationError, match="ถอนความยินยอมให้เผยแพร่ชื่อ"):
        services.publish_profile(profile, by=staff)


def test_withdrawing_photo_consent_makes_every_photo_internal(client, person, staff):
    [c] = _consent(person, staff, "photo")
    p = photo(person)
    profile = _publish(person, staff, "ผู้นำด้านการออม")
    services.choose_photos(profile, by=staff, photos=[p], cover=p)
    withdraw_consent(c, withdrawn_on=TODAY, channel="typed", by=staff)
    assert not Photo.objects.get(pk=p.pk).is_public
    profile.refresh_from_db()
    assert profile.cover_photo_id is None and not profile.photos.exists()
    assert client.get(f"/units/photos/{p.pk}/").status_code == 404


def test_a_paper_consent_needs_its_scan_and_a_withdrawal_happens_once(person, staff):
    with pytest.raises(ValidationError, match="ไฟล์สแกน"):
        _consent(person, staff, "name", channel="paper")
    with pytest.raises(ValidationError, match="อย่างน้อยหนึ่ง"):
        _consent(person, staff)
    [c] = _consent(person, staff, "name", channel="paper", scan=SimpleUploadedFile("form.jpg", jpeg()))
    assert c.scan.name.endswith(".jpg")
    withdraw_consent(c, withdrawn_on=TODAY, channel="typed", by=staff)
    with pytest.raises(ValidationError, match="ถอนไปแล้ว"):
        withdraw_consent(c, withdrawn_on=TODAY, channel="typed", by=staff)


def test_officer_records_and_withdraws_through_the_pages(as_user, officer, person):
    c = as_user(officer)
    url = f"/app/units/{person.pk}/consents/new/"
    assert c.get(url).status_code == 200
    r = c.post(
        url,
        {
            "purposes": ["name", "photo"],
            "given_by": person.name,
            "given_on": "01/03/2569",
            "channel": "paper",
            "scan": SimpleUploadedFile("form.exe", b"MZ..."),
        },
    )
    assert r.status_code == 200 and "ไฟล์ชนิดนี้ใช้ไม่ได้" in r.content.decode()  # bad scan: a Thai message
    r = c.post(
        url,
        {
            "purposes": ["name", "photo"],
            "given_by": person.name,
            "given_on": "01/03/2569",
            "channel": "paper",
            "scan": SimpleUploadedFile("form.jpg", jpeg()),
        },
    )
    assert r.status_code == 302 and Consent.objects.filter(unit=person).count() == 2
    page = c.get(f"/app/units/{person.pk}/").content.decode()
    assert "ความยินยอมให้เผยแพร่" in page and "ถอนความยินยอม" in page
    consent = Consent.objects.filter(unit=person, purpose="photo").get()
    assert c.get(f"/app/consents/{consent.pk}/scan/").status_code == 200
    r = c.post(f"/app/consents/{consent.pk}/withdraw/", {"withdrawn_on": "", "channel": "typed"})
    assert r.status_code == 200 and Consent.objects.get(pk=consent.pk).is_active  # date missing: kept
    r = c.post(f"/app/consents/{consent.pk}/withdraw/", {"withdrawn_on": "02/03/2569", "channel": "typed"})
    assert r.status_code == 302 and not Consent.objects.get(pk=consent.pk).is_active


def test_another_district_cannot_see_or_withdraw(as_user, neighbour, national, person, staff):
    [consent] = _consent(person, staff, "name")
    n = as_user(neighbour)
    assert n.get(f"/app/units/{person.pk}/consents/new/").status_code == 404
    assert n.post(f"/app/consents/{consent.pk}/withdraw/", {}).status_code == 404
    assert as_user(national).get(f"/app/consents/{consent.pk}/withdraw/").status_code == 403
