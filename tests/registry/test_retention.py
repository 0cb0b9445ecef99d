"""Issue 19 item 5: retention periods per data kind (data, defaults from apps.core.retention), a daily listing
of expired personal data, and a purge only after province staff confirm; audited; audit logs never purged."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.core.models import AuditEvent
from apps.core.retention import cutoff
from apps.registry import services_retention as svc
from apps.registry.enums import Outcome, Stage
from apps.registry.models import Consent, Enrolment, RetentionReview, Unit
from apps.registry.services_consent import record_consent, withdraw_consent
from apps.registry.tasks import list_expired_personal_data
from tests.factories import UnitFactory, programme_year
from tests.public.factories import certify, jpeg

from .conftest import national_id

pytestmark = pytest.mark.django_db
TODAY = dt.date(2031, 1, 15)


def _applicant(fy, outcome=Outcome.NOT_PASSED, nid=None):
    u = UnitFactory(target_type="leader", name=f"นายผู้สมัคร {fy}", national_id=nid or national_id())
    Enrolment.objects.create(unit=u, year=programme_year(fy=fy), stage=Stage.EVALUATION, outcome=outcome)
    return u


def test_cutoff_counts_months_back():
    assert cutoff(dt.date(2031, 3, 31), 1) == dt.date(2031, 2, 28)
    assert cutoff(dt.date(2031, 1, 15), 36) == dt.date(2028, 1, 15)


def test_unsuccessful_applicants_ids_expire_after_the_period_and_purge_after_confirmation(
    as_user, staff, officer
):
    old = _applicant(2569)  # FY 2569 ended 30 Sep 2026; + 36 months < 15 Jan 2031
    recent = _applicant(2572, nid=national_id("110170020346"))  # ended 30 Sep 2029: not yet
    certified = _applicant(2569, outcome=Outcome.CERTIFIED, nid=national_id("110170020347"))
    certify(certified, fy=2569)
    review = svc.review(old.district.province, today=TODAY)
    assert review.found == {"applicant_national_id": [old.pk]}
    assert Unit.objects.get(pk=old.pk).national_id  # listed, not purged
    c = as_user(staff)
    page = c.get("/app/privacy/retention/65/").content.decode()
    assert "เลขประจำตัวประชาชนของผู้สมัครที่ไม่ผ่านการรับรอง" in page and "ลบข้อมูลที่ครบกำหนด" in page
    r = c.post("/app/privacy/retention/65/purge/", follow=True)  # no confirmation
    assert "ยังไม่ได้ยืนยัน" in r.content.decode() and Unit.objects.get(pk=old.pk).national_id
    done = svc.purge(review, by=staff, today=TODAY)
    assert done["applicant_national_id"]["count"] == 1
    assert Unit.objects.get(pk=old.pk).national_id == "" and Unit.objects.get(pk=old.pk).name  # only the ID
    assert Unit.objects.get(pk=recent.pk).national_id and Unit.objects.get(pk=certified.pk).national_id
    assert AuditEvent.objects.filter(action="retention.purged").exists()
    assert AuditEvent.objects.filter(action="retention.listed").exists()


def test_a_unit_that_changed_since_the_listing_is_not_purged(staff):
    u = _applicant(2569)
    review = svc.review(u.district.province, today=TODAY)
    Enrolment.objects.create(unit=u, year=programme_year(fy=2574), stage=Stage.RECRUITMENT)  # applied again
    done = svc.purge(review, by=staff, today=TODAY)
    assert done == {} and Unit.objects.get(pk=u.pk).national_id


def test_withdrawn_consent_scans_and_the_province_sets_its_own_period(as_user, staff):
    u = UnitFactory(target_type="leader", name="นายสแกน ทดสอบ")
    [c] = record_consent(
        u,
        purposes=["photo"],
        given_by=u.name,
        given_on=dt.date(2026, 1, 5),
        channel="paper",
        scan=SimpleUploadedFile("s.jpg", jpeg()),
        by=staff,
    )
    withdraw_consent(c, withdrawn_on=dt.date(2026, 2, 1), channel="typed", by=staff)
    today = timezone.localdate()
    assert svc.expired("65", today) == {}  # 60 months by default
    client = as_user(staff)
    r = client.post(
        "/app/privacy/retention/65/period/", {"kind": "withdrawn_consent_scan", "months": "abc"}, follow=True
    )
    assert "จำนวนเดือน" in r.content.decode()
    r = client.post("/app/privacy/retention/65/period/", {"kind": "audit_log", "months": "12"}, follow=True)
    assert "บันทึกการตรวจสอบต้องเก็บอย่างน้อย" in r.content.decode()  # audit logs are kept longer
    client.post("/app/privacy/retention/65/period/", {"kind": "withdrawn_consent_scan", "months": "1"})
    assert svc.periods("65")["withdrawn_consent_scan"] == 1
    later = today + dt.timedelta(days=62)
    assert svc.expired("65", later) == {"withdrawn_consent_scan": [c.pk]}
    review = svc.review(u.district.province, today=later)
    svc.purge(review, by=staff, today=later)
    assert (
        not Consent.objects.get(pk=c.pk).scan and Consent.objects.get(pk=c.pk).withdrawn_at
    )  # the record stays


def test_the_daily_task_lists_every_province_and_the_audit_log_is_never_a_source(staff):
    _applicant(2569)
    assert list_expired_personal_data() in (0, 1)  # today may be before the period ends
    assert "audit_log" not in svc.expired("65", TODAY)
    svc.review_all(today=TODAY)
    assert RetentionReview.objects.filter(province_id="65", purged_at__isnull=True).count() == 1


def test_only_the_province_manages_retention(as_user, officer, national, stranger):
    assert as_user(officer).get("/app/privacy/retention/65/").status_code == 403
    assert as_user(national).get("/app/privacy/retention/65/").status_code == 403
    assert as_user(stranger).get("/app/privacy/retention/65/").status_code == 404
