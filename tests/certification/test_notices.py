"""Issuing a certificate tells the district officers of the unit's district."""

import pytest

from apps.notifications.models import Notification

from .factories import certificate

pytestmark = pytest.mark.django_db


def test_issue_notifies_district_officers_once(year, staff, officer, neighbour):
    cert = certificate(year, staff)
    n = Notification.objects.get(kind="certificate_issued")
    assert n.user == officer and cert.number in n.title
    # idempotent issuance: no second notice
    from apps.certification.services import issue_certificate

    issue_certificate(cert.enrolment, by=staff)
    assert Notification.objects.filter(kind="certificate_issued").count() == 1
    assert not Notification.objects.filter(user=neighbour).exists()


def test_revocation_by_the_province_tells_the_district_with_the_reason(year, staff, officer, neighbour):
    """A revoked certificate shows as revoked on /verify/ at once; the district must hear of it from the system,
    not from the unit (guideline 2.12: the province and districts hand the certificates over)."""
    from apps.certification.services import revoke_certificate

    cert = certificate(year, staff)
    revoke_certificate(cert, by=staff, reason="กลุ่มยุบเลิกแล้ว ตามหนังสืออำเภอ")
    n = Notification.objects.get(kind="certificate_revoked")
    assert n.user == officer and cert.number in n.title and "กลุ่มยุบเลิกแล้ว" in n.body
    assert n.url.endswith(f"/app/certificates/{cert.pk}/")
    assert not Notification.objects.filter(user=neighbour).exists()


def test_revocation_by_a_corrected_decision_sends_no_second_notice(year, staff, officer):
    """The committee's correction already sends the decision notice (apps.evaluation.decisions)."""
    from apps.certification.services import revoke_certificate

    cert = certificate(year, staff)
    revoke_certificate(cert, by=staff, reason="คณะกรรมการแก้ไขผล", by_correction=True)
    assert not Notification.objects.filter(kind="certificate_revoked").exists()
