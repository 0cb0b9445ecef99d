"""Evaluation wired to certification and notices. Guideline 2.10: "คณะกรรมการ มชช. จังหวัด พิจารณารับรอง
ผลการประเมิน" — the provincial committee's pass (the last level of the year) creates the certificate."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.accounts.enums import Role
from apps.certification.models import Certificate
from apps.core.models import AuditEvent
from apps.evaluation import services
from apps.evaluation.decisions import decide
from apps.notifications.models import Notification
from apps.registry.enums import Outcome
from tests.factories import district, with_role

from .conftest import make_round, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_entry(year, staff, passed_district, province_committee, chair, cmember):
    """FY with the zone level switched off: the provincial committee follows the district directly."""
    year.level_zone = False
    year.level_subcommittee = False
    year.save(update_fields=["level_zone", "level_subcommittee"])
    rnd = make_round(province_committee, staff)
    return services.add_entry(rnd, passed_district.enrolment, by=staff)


def test_committee_pass_issues_the_certificate_end_to_end(
    as_user, last_entry, chair, cmember, django_capture_on_commit_callbacks
):
    submit(last_entry, chair)
    submit(last_entry, cmember)
    with django_capture_on_commit_callbacks(execute=True):
        r = as_user(chair).post(
            f"/app/evaluation/entries/{last_entry.pk}/decide/",
            {"decision": "pass", "reason": "", "version": last_entry.version},
        )
    assert r.status_code == 302
    cert = Certificate.objects.get(enrolment=last_entry.enrolment)
    assert cert.number and cert.seq == 1 and cert.issued_by == chair
    assert cert.certified_on == timezone.localdate()
    last_entry.enrolment.refresh_from_db()
    assert last_entry.enrolment.outcome == Outcome.CERTIFIED
    # idempotent: issuing again (the certification page, a retry) returns the same certificate
    from apps.certification.services import issue_certificate

    assert issue_certificate(last_entry.enrolment, by=chair).pk == cert.pk
    assert Certificate.objects.count() == 1
    assert AuditEvent.objects.filter(action="certificate.issued").count() == 1


def test_pass_at_a_lower_level_issues_nothing(passed_district):
    assert not Certificate.objects.exists()


def test_correcting_the_last_pass_revokes_the_certificate(last_entry, chair):
    decide(last_entry, decision="pass", by=chair, reason="มติที่ประชุมให้ผ่าน")
    cert = Certificate.objects.get()
    with pytest.raises(ValidationError, match="ต้องระบุเหตุผล"):
        decide(last_entry, decision="not_pass", by=chair)
    decide(last_entry, decision="not_pass", by=chair, reason="พบว่าเอกสารหลักฐานไม่ถูกต้อง")
    cert.refresh_from_db()
    assert cert.revoked_at and cert.revoked_reason == "พบว่าเอกสารหลักฐานไม่ถูกต้อง" and cert.revoked_by == chair
    last_entry.enrolment.refresh_from_db()
    assert last_entry.enrolment.outcome == Outcome.NOT_PASSED
    # correcting back to pass gives the same certificate back (same number and code), with the history kept
    number, code = cert.number, cert.code
    decide(last_entry, decision="pass", by=chair, reason="ทบทวนแล้ว เอกสารครบถ้วน")
    cert.refresh_from_db()
    assert Certificate.objects.count() == 1 and (cert.number, cert.code) == (number, code)
    assert cert.revoked_at is None and not cert.revoked_by_correction
    assert list(cert.events.order_by("pk").values_list("action", "by_correction")) == [
        ("revoked", True),
        ("reinstated", True),
    ]
    last_entry.enrolment.refresh_from_db()
    assert last_entry.enrolment.outcome == Outcome.CERTIFIED


def test_a_certificate_revoked_by_the_province_is_not_given_back_by_a_decision(last_entry, chair, staff):
    from apps.certification.services import revoke_certificate

    decide(last_entry, decision="pass", by=chair, reason="มติที่ประชุมให้ผ่าน")
    revoke_certificate(Certificate.objects.get(), by=staff, reason="พบการปลอมแปลงเอกสาร")
    decide(last_entry, decision="not_pass", by=chair, reason="ตามที่จังหวัดเพิกถอน")
    with pytest.raises(ValidationError, match="ถูกเพิกถอนโดยจังหวัดแล้ว"):
        decide(last_entry, decision="pass", by=chair, reason="ทบทวนแล้ว")
    cert = Certificate.objects.get()
    assert cert.revoked_at is not None and not cert.revoked_by_correction


def test_a_correction_revocation_cannot_be_reinstated_by_the_button(last_entry, chair, staff, as_user):
    from apps.certification.services import reinstate_certificate

    decide(last_entry, decision="pass", by=chair, reason="มติที่ประชุมให้ผ่าน")
    decide(last_entry, decision="not_pass", by=chair, reason="พบว่าเอกสารหลักฐานไม่ถูกต้อง")
    cert = Certificate.objects.get()
    assert cert.revoked_by_correction
    assert list(cert.events.values_list("action", "by_correction")) == [("revoked", True)]
    with pytest.raises(ValidationError, match="ให้คณะกรรมการแก้ไขผลการตัดสินแทน"):
        reinstate_certificate(cert, by=staff, reason="เพิกถอนผิด")
    r = as_user(staff).post(f"/app/certificates/{cert.pk}/reinstate/", {"reason": "เพิกถอนผิด"})
    assert r.status_code == 400 and "แก้ไขผลการตัดสินแทน" in r.content.decode()
    cert.refresh_from_db()
    assert cert.revoked_at is not None


def test_failed_issuance_rolls_the_decision_back(last_entry, chair, year):
    year.certificate_pattern = "มชช.{province}/{year}"  # no {seq}: numbers would collide
    year.save(update_fields=["certificate_pattern"])
    with pytest.raises(ValidationError, match="ต้องมี {seq}"):
        decide(last_entry, decision="pass", by=chair, reason="มติที่ประชุมให้ผ่าน")
    last_entry.refresh_from_db()
    assert last_entry.decision == "" and not Certificate.objects.exists()
    assert not AuditEvent.objects.filter(action="evaluation.decided", object_id=str(last_entry.pk)).exists()


def test_decision_notifies_district_officers_and_mentor(
    year, staff, zone_round, passed_district, zone_chair, officer, neighbour
):
    other_officer = with_role(Role.DISTRICT_OFFICER, district=district("6501"))
    Notification.objects.all().delete()  # the district decision of the fixture notified already
    entry = services.add_entry(zone_round, passed_district.enrolment, by=staff)
    decide(entry, decision="not_pass", by=zone_chair, reason="ยังไม่มีหลักฐานการประชุมกลุ่ม")
    notes = Notification.objects.filter(kind="decision_made")
    # the mentor (officer) is also a district officer of 6501: one notice each, none for 6502
    assert sorted(n.user_id for n in notes) == sorted([officer.pk, other_officer.pk])
    n = notes.get(user=officer)
    assert "ไม่ผ่าน" in n.title and "ยังไม่มีหลักฐานการประชุมกลุ่ม" in n.body
    assert n.url.endswith(f"/app/evaluation/rounds/{zone_round.pk}/")


def test_mentor_of_another_district_role_is_notified(
    year, staff, zone_round, passed_district, zone_chair, officer
):
    """A mentor who moved to another district still hears about the unit they mentor."""
    enrolment = passed_district.enrolment
    mentor = with_role(Role.DISTRICT_OFFICER, district=district("6505"))
    enrolment.mentor = mentor
    enrolment.save(update_fields=["mentor"])
    entry = services.add_entry(zone_round, enrolment, by=staff)
    decide(entry, decision="return", by=zone_chair, reason="ขอให้ปรับปรุงแผนพัฒนาตนเอง")
    assert Notification.objects.filter(kind="decision_made", user=mentor).count() == 1
    assert Notification.objects.filter(kind="decision_made", user=officer).count() == 2  # district + zone


def test_certificate_issued_notifies_district_officers(last_entry, chair, officer, neighbour):
    decide(last_entry, decision="pass", by=chair, reason="มติที่ประชุมให้ผ่าน")
    cert = Certificate.objects.get()
    n = Notification.objects.get(kind="certificate_issued")
    assert n.user == officer and cert.number in n.title
    assert n.url.endswith(f"/app/certificates/{cert.pk}/")
    assert not Notification.objects.filter(user=neighbour).exists()
