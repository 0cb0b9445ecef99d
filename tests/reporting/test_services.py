"""Transitions of a report (guideline 2.7: "จัดทำรายงานผลการดำเนินงาน ส่งจังหวัดฯ เป็นระยะ";
2.7.1: the applicant list "ภายในวันที่ ๒๐ พฤศจิกายน")."""

import pytest
from django.core.exceptions import ValidationError

from apps.core.models import AuditEvent
from apps.registry.models import Deadline
from apps.reporting import services
from apps.reporting.models import Submission, SubmissionState
from apps.reporting.selectors import districts_missing, review_grid
from tests.factories import district

from .conftest import at

pytestmark = pytest.mark.django_db


def sub_of(year, code="6501", kind="applicant_list"):
    return services.get_or_create_submission(year, district(code), kind)


def test_deadline_is_the_guidelines_20_november(year):
    assert Deadline.objects.get(year=year, kind="applicant_list").due_on.isoformat() == "2026-11-20"


def test_submit_freezes_a_snapshot_and_later_edits_do_not_change_it(year, units, officer):
    sub = services.submit_report(sub_of(year), by=officer, note="ส่งตามกำหนด", now=at(2026, 11, 18))
    assert sub.state == SubmissionState.SUBMITTED and sub.version == 1 and sub.days_late == 0
    assert sub.deadline.kind == "applicant_list"
    names = [u["name"] for u in sub.snapshot["units"]]
    assert "กลุ่มออมทรัพย์บ้านหนองพิกุล" in names and "กลุ่มอาชีพบ้านนครไทย" not in names
    group = next(t for t in sub.snapshot["types"] if t["type"] == "group")
    leader = next(t for t in sub.snapshot["types"] if t["type"] == "leader")
    assert (group["new"], group["carried"], leader["carried"]) == (1, 0, 1)
    unit = units[0].unit
    unit.name = "ชื่อใหม่หลังส่ง"
    unit.save()
    sub.refresh_from_db()
    assert "ชื่อใหม่หลังส่ง" not in [u["name"] for u in sub.snapshot["units"]]
    ev = AuditEvent.objects.for_object(sub).get(action="report.submitted")
    assert ev.actor == officer and ev.after["state"] == "submitted" and ev.reason == "ส่งตามกำหนด"


def test_double_submit_is_refused_in_thai(year, units, officer):
    stale = sub_of(year)
    services.submit_report(stale, by=officer, now=at(2026, 11, 18))
    with pytest.raises(ValidationError) as exc:  # the second tab still holds the draft object
        services.submit_report(stale, by=officer)
    assert "ส่งถึงจังหวัดแล้ว" in exc.value.messages[0]
    assert Submission.objects.get(pk=stale.pk).version == 1
    assert AuditEvent.objects.filter(action="report.submitted").count() == 1


def test_late_submission_counts_days_late(year, units, officer):
    sub = services.submit_report(sub_of(year), by=officer, now=at(2026, 11, 23, 23))
    assert sub.days_late == 3 and sub.is_late


def test_empty_report_is_refused(year, officer):
    with pytest.raises(ValidationError) as exc:
        services.submit_report(sub_of(year), by=officer)
    assert "ยังไม่มีหน่วยนับ" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        services.submit_report(sub_of(year, kind="photos"), by=officer)
    assert "ยังไม่มีภาพกิจกรรม" in exc.value.messages[0]
    assert not Submission.objects.exclude(state=SubmissionState.DRAFT).exists()


def test_return_resubmit_accept_cycle(year, units, officer, staff):
    sub = services.submit_report(sub_of(year), by=officer, now=at(2026, 11, 22))
    with pytest.raises(ValidationError) as exc:
        services.return_report(sub, by=staff, reason="  ")
    assert "เหตุผล" in exc.value.messages[0]
    sub = services.return_report(sub, by=staff, reason="ขาดข้อมูลผู้ประสานงาน กรุณาเพิ่มแล้วส่งใหม่")
    assert sub.state == SubmissionState.RETURNED and sub.returned_at and sub.return_reason
    # resubmitting without changes is refused
    with pytest.raises(ValidationError) as exc:
        services.submit_report(sub, by=officer)
    assert "ยังไม่มีการแก้ไข" in exc.value.messages[0]
    # the district fixes the data, resubmits: version 2, lateness of the first sending stays
    unit = units[0].unit
    unit.coordinator = "นางบุญศรี ใจงาม"
    unit.save()
    sub = services.submit_report(sub, by=officer, note="เพิ่มผู้ประสานงานแล้ว", now=at(2026, 11, 26))
    assert sub.version == 2 and sub.days_late == 2 and sub.reviewed_at is None
    sub = services.accept_report(sub, by=staff)
    assert sub.state == SubmissionState.ACCEPTED
    actions = list(AuditEvent.objects.for_object(sub).order_by("at", "pk").values_list("action", flat=True))
    assert actions == ["report.submitted", "report.returned", "report.resubmitted", "report.accepted"]
    with pytest.raises(ValidationError):
        services.accept_report(sub, by=staff)  # twice


def test_resubmit_with_only_an_explanation_is_a_change(year, units, officer, staff):
    sub = services.submit_report(sub_of(year), by=officer)
    sub = services.return_report(sub, by=staff, reason="โปรดชี้แจงเหตุที่ส่งช้า")
    sub = services.submit_report(sub, by=officer, note="ส่งช้าเพราะรอมติคณะกรรมการอำเภอ")
    assert sub.state == SubmissionState.SUBMITTED


def test_district_cannot_accept_its_own_report(year, units, officer):
    sub = services.submit_report(sub_of(year), by=officer)
    with pytest.raises(ValidationError) as exc:
        services.accept_report(sub, by=officer)
    assert "อำเภอไม่สามารถรับรายงานของตนเองได้" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.return_report(sub, by=officer, reason="ลองส่งกลับเอง")
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.SUBMITTED


def test_bulk_accept_skips_what_is_not_waiting(year, units, officer, neighbour, staff):
    a = services.submit_report(sub_of(year), by=officer)
    b = services.submit_report(sub_of(year, "6502"), by=neighbour)
    draft = sub_of(year, "6501", "plans")
    accepted, skipped = services.bulk_accept(
        Submission.objects.filter(pk__in=[a.pk, b.pk, draft.pk]), by=staff
    )
    assert {s.pk for s in accepted} == {a.pk, b.pk} and [s.pk for s in skipped] == [draft.pk]
    assert AuditEvent.objects.filter(action="report.accepted").count() == 2


def test_districts_missing_for_the_notifications_app(year, units, officer, neighbour, staff):
    deadline = Deadline.objects.get(year=year, kind="applicant_list")
    assert len(districts_missing(deadline)) == 9
    services.submit_report(sub_of(year), by=officer)
    b = services.submit_report(sub_of(year, "6502"), by=neighbour)
    services.return_report(b, by=staff, reason="ข้อมูลไม่ครบถ้วน")
    missing = [d.code for d in districts_missing(deadline)]
    assert "6501" not in missing and "6502" in missing and len(missing) == 8


def test_review_grid_statuses(year, units, officer, neighbour):
    services.submit_report(sub_of(year), by=officer, now=at(2026, 11, 19))
    services.submit_report(sub_of(year, "6502"), by=neighbour, now=at(2026, 11, 25))
    import datetime as dt

    grid = review_grid(year, today=dt.date(2026, 11, 25))
    first = {r["district"].code: r["cells"][0]["status"] for r in grid["rows"]}
    assert first["6501"] == "on_time" and first["6502"] == "late" and first["6503"] == "missing"
    assert grid["rows"][0]["cells"][1]["status"] == "not_due"
    counts = {s["status"]: s["n"] for s in grid["summary"]}
    assert counts["missing"] == 7 and counts["late"] == 1 and counts["on_time"] == 1
