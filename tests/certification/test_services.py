"""Issuing, numbering, revoking and dating certificates. Guideline 2.10: "จังหวัดจัดประชุมคณะกรรมการระบบมาตรฐาน
งานชุมชนจังหวัด (มชช.) เพื่อประเมินผลและรับรองมาตรฐาน…ในระดับจังหวัด" — the provincial committee's pass issues the
certificate; 2.12: certificates are handed over (often at a ceremony in the next fiscal year)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from apps.certification import services
from apps.certification.models import CODE_ALPHABET, Certificate, CertificateCounter
from apps.certification.signals import certificate_changed
from apps.core.models import AuditEvent
from apps.registry.enums import Outcome

from .factories import certified_enrolment

pytestmark = pytest.mark.django_db


def test_number_follows_the_year_pattern_and_counts_up(year, staff):
    a = services.issue_certificate(certified_enrolment(year), by=staff, certified_on=dt.date(2027, 8, 27))
    b = services.issue_certificate(certified_enrolment(year), by=staff)
    assert (a.number, a.seq) == ("มชช.65/2570/0001", 1)
    assert (b.number, b.seq) == ("มชช.65/2570/0002", 2)
    assert a.certified_on == dt.date(2027, 8, 27)
    assert len(a.code) == 12 and set(a.code) <= set(CODE_ALPHABET) and a.code != str(a.pk)
    assert a.code != b.code
    assert a.unit == a.enrolment.unit and a.year == year


def test_pattern_is_data_of_the_year(year, staff):
    year.certificate_pattern = "พล.{year}-{seq:03d} ({province_name})"
    year.save()
    c = services.issue_certificate(certified_enrolment(year), by=staff)
    assert c.number == "พล.2570-001 (พิษณุโลก)"


@pytest.mark.parametrize("pattern", ["มชช.{year}", "มชช.{nope}/{seq}", "มชช.{seq:zz}"])
def test_broken_pattern_is_refused_with_a_thai_message_and_nothing_saved(year, staff, pattern):
    year.certificate_pattern = pattern
    year.save()
    with pytest.raises(ValidationError) as exc:
        services.issue_certificate(certified_enrolment(year), by=staff)
    assert "รูปแบบเลขที่ใบรับรอง" in exc.value.messages[0]
    assert not Certificate.objects.exists()


def test_issuing_twice_returns_the_same_certificate(enrolment, staff):
    first = services.issue_certificate(enrolment, by=staff)
    again = services.issue_certificate(enrolment, by=staff)
    assert again.pk == first.pk and Certificate.objects.count() == 1
    assert AuditEvent.objects.filter(action="certificate.issued").count() == 1


@pytest.mark.parametrize("outcome", [Outcome.NOT_PASSED, Outcome.WITHDRAWN])
def test_no_certificate_for_a_unit_that_did_not_pass(enrolment, staff, outcome):
    enrolment.outcome = outcome
    enrolment.save()
    with pytest.raises(ValidationError, match="ออกใบรับรองไม่ได้"):
        services.issue_certificate(enrolment, by=staff)


def test_failed_issuance_leaves_no_gap(year, staff):
    services.issue_certificate(certified_enrolment(year), by=staff)
    doomed = certified_enrolment(year)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.issue_certificate(doomed, by=staff)
        raise RuntimeError("the caller's transaction fails after the certificate was written")
    assert not Certificate.objects.filter(enrolment=doomed).exists()
    nxt = services.issue_certificate(certified_enrolment(year), by=staff)
    assert nxt.number == "มชช.65/2570/0002"
    assert CertificateCounter.objects.get(year=year).last_seq == 2


def test_counter_starts_after_existing_numbers(year, staff):
    services.issue_certificate(certified_enrolment(year), by=staff)
    CertificateCounter.objects.all().delete()  # e.g. certificates imported before the counter existed
    assert services.issue_certificate(certified_enrolment(year), by=staff).seq == 2


def test_issue_is_audited_and_signals_after_commit(enrolment, staff, django_capture_on_commit_callbacks):
    seen = []

    def receiver(sender, certificate, action, **kw):
        seen.append(action)

    certificate_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            c = services.issue_certificate(enrolment, by=staff)
    finally:
        certificate_changed.disconnect(receiver)
    ev = AuditEvent.objects.for_object(c).get()
    assert ev.action == "certificate.issued" and ev.actor == staff and ev.after["number"] == c.number
    assert seen == ["issued"]


def test_dates_are_checked(enrolment, staff):
    with pytest.raises(ValidationError, match="วันที่มอบต้องไม่ก่อนวันที่รับรอง"):
        services.issue_certificate(
            enrolment, by=staff, certified_on=dt.date(2027, 9, 1), awarded_on=dt.date(2027, 8, 1)
        )
    with pytest.raises(ValidationError, match="หมดอายุ"):
        services.issue_certificate(
            enrolment, by=staff, certified_on=dt.date(2027, 9, 1), valid_until=dt.date(2027, 9, 1)
        )


def test_revoke_needs_a_reason(cert, staff):
    for reason in ("", "   ", None):
        with pytest.raises(ValidationError, match="กรุณาระบุเหตุผล"):
            services.revoke_certificate(cert, by=staff, reason=reason)
    cert.refresh_from_db()
    assert cert.revoked_at is None and cert.status == Certificate.Status.VALID


def test_revoke_keeps_the_number_and_is_audited(cert, staff, year):
    services.revoke_certificate(cert, by=staff, reason="พบว่าข้อมูลการประเมินไม่ถูกต้อง")
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.REVOKED and cert.revoked_by == staff
    ev = AuditEvent.objects.for_object(cert).filter(action="certificate.revoked").get()
    assert ev.reason == "พบว่าข้อมูลการประเมินไม่ถูกต้อง"
    with pytest.raises(ValidationError, match="ถูกเพิกถอนไปแล้ว"):
        services.revoke_certificate(cert, by=staff, reason="อีกครั้ง")
    assert services.issue_certificate(certified_enrolment(year), by=staff).seq == 2


def test_award_date_in_the_next_fiscal_year(cert, staff):
    services.set_award_date(cert, by=staff, awarded_on=dt.date(2027, 11, 20), expected_version=cert.version)
    cert.refresh_from_db()
    assert cert.awarded_on == dt.date(2027, 11, 20) and cert.version == 2
    ev = AuditEvent.objects.for_object(cert).get(action="certificate.dates_changed")
    assert ev.before["awarded_on"] is None and ev.after["awarded_on"] == "2027-11-20"


def test_award_date_stale_version_is_refused(cert, staff):
    services.set_award_date(cert, by=staff, awarded_on=dt.date(2027, 11, 20))
    with pytest.raises(ValidationError, match="มีผู้อื่นแก้ไข"):
        services.set_award_date(cert, by=staff, awarded_on=dt.date(2027, 12, 1), expected_version=1)


def test_expired_and_valid_querysets(cert, staff):
    services.set_award_date(cert, by=staff, awarded_on=None, valid_until=dt.date(2027, 9, 30))
    cert.refresh_from_db()
    assert cert.status_on(dt.date(2027, 10, 1)) == Certificate.Status.EXPIRED
    assert cert.status_on(dt.date(2027, 9, 30)) == Certificate.Status.VALID
    assert list(Certificate.objects.expired(today=dt.date(2027, 10, 1))) == [cert]
    assert not Certificate.objects.valid(today=dt.date(2027, 10, 1)).exists()


def test_certified_without_certificate(year, staff):
    e1, e2 = certified_enrolment(year), certified_enrolment(year)
    services.issue_certificate(e1, by=staff)
    assert list(services.certified_without_certificate(year)) == [e2]
