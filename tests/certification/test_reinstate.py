"""Reinstating a certificate revoked by mistake (คืนสถานะใบรับรอง). Guideline 2.12: the province and districts hand
over "ใบรับรอง" to the units that passed; 2.11: their profiles are published "เพื่อสร้างการยอมรับ" — a revocation
made by mistake must be undoable, with the same number and code, and the history must stay visible."""

import pytest

from apps.certification import services
from apps.certification.models import Certificate, CertificateEvent, VerificationLog
from apps.core.models import AuditEvent
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db

WRONG = "เพิกถอนผิดใบ ตั้งใจเพิกถอนใบของกลุ่มอื่น"
BACK = "ตรวจสอบแล้วว่าเพิกถอนผิดใบ คณะกรรมการมีมติให้คืนสถานะ"


def _url(cert):
    return f"/app/certificates/{cert.pk}/reinstate/"


@pytest.fixture
def revoked(cert, staff):
    return services.revoke_certificate(cert, by=staff, reason=WRONG)


def test_staff_reinstates_same_number_and_code_valid_again(
    as_user, client, revoked, staff, officer, neighbour, django_capture_on_commit_callbacks
):
    number, code = revoked.number, revoked.code
    page = as_user(staff).get(f"/app/certificates/{revoked.pk}/").content.decode()
    assert _url(revoked) in page and "คืนสถานะใบรับรอง" in page
    with django_capture_on_commit_callbacks(execute=True):
        r = as_user(staff).post(_url(revoked), {"reason": BACK})
    assert r.status_code == 302 and r["Location"] == f"/app/certificates/{revoked.pk}/"
    cert = Certificate.objects.get(pk=revoked.pk)
    assert (cert.number, cert.code, cert.status) == (number, code, Certificate.Status.VALID)
    assert cert.revoked_at is None and Certificate.objects.count() == 1
    # the public verification answers valid again
    client.logout()
    body = client.get(f"/verify/{code}/").content.decode()
    assert "ใบรับรองนี้ถูกต้องและใช้ได้" in body and WRONG not in body
    assert VerificationLog.objects.get().result == "valid"
    # the history stays on the certificate page: who revoked, when, why; who reinstated, when, why
    body = as_user(officer).get(f"/app/certificates/{cert.pk}/").content.decode()
    assert "ประวัติการเพิกถอนและคืนสถานะ" in body and WRONG in body and BACK in body
    assert body.count(staff.get_full_name()) >= 2 and _url(cert) not in body
    events = list(cert.events.values_list("action", "reason", "by"))
    assert events == [("revoked", WRONG, staff.pk), ("reinstated", BACK, staff.pk)]
    # audited with the reason, and the district hears of it (not the neighbouring district)
    ev = AuditEvent.objects.for_object(cert).get(action="certificate.reinstated")
    assert ev.reason == BACK and ev.actor == staff and ev.before["revoked_reason"] == WRONG
    n = Notification.objects.get(kind="certificate_reinstated")
    assert n.user == officer and cert.number in n.title and BACK in n.body
    assert not Notification.objects.filter(user=neighbour).exists()


def test_revoked_twice_keeps_the_whole_history(revoked, staff, as_user):
    services.reinstate_certificate(revoked, by=staff, reason=BACK)
    services.revoke_certificate(revoked, by=staff, reason="กลุ่มยุบเลิกแล้วจริง")
    cert = Certificate.objects.get(pk=revoked.pk)
    assert cert.status == Certificate.Status.REVOKED and cert.revoked_reason == "กลุ่มยุบเลิกแล้วจริง"
    assert list(cert.events.values_list("action", flat=True)) == ["revoked", "reinstated", "revoked"]
    body = as_user(staff).get(f"/app/certificates/{cert.pk}/").content.decode()
    assert WRONG in body and BACK in body and "กลุ่มยุบเลิกแล้วจริง" in body


def test_who_may_reinstate(as_user, client, revoked, officer, national, neighbour, stranger):
    url = _url(revoked)
    assert as_user(officer).post(url, {"reason": BACK}).status_code == 403
    assert as_user(national).post(url, {"reason": BACK}).status_code == 403
    assert as_user(neighbour).post(url, {"reason": BACK}).status_code == 404
    assert as_user(stranger).post(url, {"reason": BACK}).status_code == 404
    client.logout()
    r = client.post(url, {"reason": BACK})
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert as_user(officer).get(url).status_code == 405
    assert Certificate.objects.get(pk=revoked.pk).revoked_at is not None
    assert not CertificateEvent.objects.filter(action="reinstated").exists()
    # the district officer reads the page and the history, without the button
    body = as_user(officer).get(f"/app/certificates/{revoked.pk}/").content.decode()
    assert WRONG in body and url not in body


def test_reason_is_required(as_user, revoked, staff):
    for reason in ("", "   "):
        r = as_user(staff).post(_url(revoked), {"reason": reason})
        assert r.status_code == 400 and "กรุณาระบุเหตุผลการคืนสถานะใบรับรอง" in r.content.decode()
    assert Certificate.objects.get(pk=revoked.pk).revoked_at is not None
    assert not CertificateEvent.objects.filter(action="reinstated").exists()


def test_a_valid_certificate_is_not_reinstated(as_user, cert, staff):
    r = as_user(staff).post(_url(cert), {"reason": BACK})
    assert r.status_code == 400 and "ไม่ได้ถูกเพิกถอน" in r.content.decode()
    assert (
        not CertificateEvent.objects.exists()
        and not AuditEvent.objects.filter(action="certificate.reinstated").exists()
    )


def test_double_submit_reinstates_once(as_user, revoked, staff):
    c = as_user(staff)
    assert c.post(_url(revoked), {"reason": BACK}).status_code == 302
    r = c.post(_url(revoked), {"reason": BACK})
    assert r.status_code == 400 and "ไม่ได้ถูกเพิกถอน" in r.content.decode()
    assert CertificateEvent.objects.filter(action="reinstated").count() == 1
    assert AuditEvent.objects.filter(action="certificate.reinstated").count() == 1


def test_a_revocation_by_decision_correction_is_not_reinstated_here(as_user, cert, staff):
    services.revoke_certificate(cert, by=staff, reason="คณะกรรมการแก้ไขผลเป็นไม่ผ่าน", by_correction=True)
    body = as_user(staff).get(f"/app/certificates/{cert.pk}/").content.decode()
    assert "ให้คณะกรรมการแก้ไขผลการตัดสินแทน" in body and _url(cert) not in body
    assert "จากการแก้ไขผลการตัดสิน" in body
    r = as_user(staff).post(_url(cert), {"reason": BACK})
    assert r.status_code == 400 and "ให้คณะกรรมการแก้ไขผลการตัดสินแทน" in r.content.decode()
    cert.refresh_from_db()
    assert cert.revoked_at is not None and not cert.events.filter(action="reinstated").exists()
