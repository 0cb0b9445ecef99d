import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.certification.models import Certificate
from apps.certification.services import set_certified_on
from apps.core.models import AuditEvent
from apps.evaluation import meetings, services
from apps.evaluation.decisions import decide
from apps.evaluation.models import Attendance, Meeting, Resolution
from apps.registry.enums import Outcome

from .conftest import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(zone_round, passed_district, staff):
    return services.add_entry(zone_round, passed_district.enrolment, by=staff)


def _day(n=10):
    return timezone.localdate() - dt.timedelta(days=n)


def _absent(meeting, seats):
    meetings.record_attendance(meeting, by=None, rows={s.pk: (Attendance.Status.ABSENT, "") for s in seats})


def test_quorum_is_half_of_all_members_unless_the_committee_says_otherwise(zone_committee, zone_round, staff):
    meeting = meetings.create_meeting(zone_round, by=staff, held_on=_day())
    seats = list(zone_committee.members.all())
    assert len(seats) == 3
    q = meetings.quorum_of(meeting)
    assert (q.present, q.members, q.needed, q.met) == (3, 3, 2, True)
    _absent(meeting, seats[:2])
    assert not meetings.quorum_of(meeting).met
    zone_committee.quorum_numerator, zone_committee.quorum_denominator = 1, 3
    zone_committee.save()
    meeting.refresh_from_db()
    assert meetings.quorum_of(meeting).met  # one of three is enough under the committee's own rule
    zone_committee.quorum_minimum = 2
    zone_committee.save()
    meeting.refresh_from_db()
    assert not meetings.quorum_of(meeting).met


def test_resolution_without_quorum_is_refused_with_a_thai_message(
    entry, zone_committee, zone_chair, zone_member, staff, as_user
):
    submit(entry, zone_chair)
    submit(entry, zone_member)
    meeting = meetings.create_meeting(entry.round, by=staff, held_on=_day())
    _absent(meeting, list(zone_committee.members.all())[:2])
    with pytest.raises(ValidationError, match="ไม่ครบองค์ประชุม"):
        meetings.resolve(meeting, entry, outcome="pass", by=staff)
    r = as_user(staff).post(
        f"/app/evaluation/meetings/{meeting.pk}/resolve/", {"entry": entry.pk, "outcome": "pass"}, follow=True
    )
    assert "ไม่ครบองค์ประชุม" in r.content.decode()
    entry.refresh_from_db()
    assert entry.decision == "" and not Resolution.objects.exists()


def test_resolution_records_the_decision_through_decide(entry, zone_chair, zone_member, staff, as_user):
    submit(entry, zone_chair)
    submit(entry, zone_member)
    meeting = meetings.create_meeting(entry.round, by=staff, held_on=_day())
    r = as_user(staff).post(
        f"/app/evaluation/meetings/{meeting.pk}/resolve/", {"entry": entry.pk, "outcome": "pass"}
    )
    assert r.status_code == 302
    entry.refresh_from_db()
    assert entry.decision == "pass" and entry.decided_in_id == meeting.pk
    res = Resolution.objects.get(entry=entry)
    assert (res.present, res.members) == (3, 3)
    assert AuditEvent.objects.filter(action="evaluation.decided", object_id=str(entry.pk)).exists()
    assert AuditEvent.objects.filter(action="meeting.resolved").exists()
    page = as_user(staff).get(f"/app/evaluation/meetings/{meeting.pk}/").content.decode()
    assert "ครบองค์ประชุม" in page and entry.enrolment.unit.name in page


def test_defer_needs_a_reason_and_leaves_the_decision_open(entry, staff):
    meeting = meetings.create_meeting(entry.round, by=staff, held_on=_day())
    with pytest.raises(ValidationError, match="เลื่อน"):
        meetings.resolve(meeting, entry, outcome="defer", by=staff)
    meetings.resolve(meeting, entry, outcome="defer", by=staff, reason="รอเอกสารเพิ่มเติม")
    entry.refresh_from_db()
    assert entry.decision == ""


def test_no_resolution_before_the_meeting_day(entry, staff):
    meeting = meetings.create_meeting(
        entry.round, by=staff, held_on=timezone.localdate() + dt.timedelta(days=3)
    )
    with pytest.raises(ValidationError, match="ยังไม่ถึงวันประชุม"):
        meetings.resolve(meeting, entry, outcome="defer", by=staff, reason="x")


def test_minutes_approved_at_the_next_meeting_or_by_circulation(zone_round, staff):
    first = meetings.create_meeting(zone_round, by=staff, held_on=_day(20))
    second = meetings.create_meeting(zone_round, by=staff, held_on=_day(5))
    assert second.number == 2
    with pytest.raises(ValidationError, match="ยังไม่มีรายงาน"):
        meetings.approve_minutes(
            first, by=staff, method="next_meeting", approved_on=_day(5), at_meeting=second
        )
    meetings.save_minutes(first, by=staff, text="เริ่มประชุมเวลา 09.00 น.")
    meetings.approve_minutes(first, by=staff, method="next_meeting", approved_on=None, at_meeting=second)
    first.refresh_from_db()
    assert first.minutes_approved_on == second.held_on and first.minutes_approved_in == second
    with pytest.raises(ValidationError, match="รับรองแล้ว"):
        meetings.save_minutes(first, by=staff, text="แก้")
    meetings.save_minutes(second, by=staff, text="รายงาน")
    with pytest.raises(ValidationError):
        meetings.approve_minutes(second, by=staff, method="circulation", approved_on=_day(1), note="")
    meetings.approve_minutes(second, by=staff, method="circulation", approved_on=_day(1), note="กรรมการ 3 คน")
    assert Meeting.objects.get(pk=second.pk).minutes_approval == "circulation"


def test_meeting_pages_per_role(zone_round, staff, officer, zone_chair, stranger, national, as_user):
    url = f"/app/evaluation/rounds/{zone_round.pk}/meetings/new/"
    assert as_user(officer).get(url).status_code == 404
    assert as_user(national).get(url).status_code == 403
    assert as_user(stranger).get(url).status_code == 404
    r = as_user(staff).post(url, {"held_on": "01/12/2569", "place": "ห้องประชุม"})
    assert r.status_code == 302
    meeting = Meeting.objects.get(round=zone_round)
    assert meeting.held_on == dt.date(2026, 12, 1)
    page = f"/app/evaluation/meetings/{meeting.pk}/"
    assert as_user(national).get(page).status_code == 200
    assert as_user(stranger).get(page).status_code == 404
    assert as_user(national).post(page + "minutes/", {"minutes": "x"}).status_code == 403
    # bad input: a Thai message, nothing lost
    r = as_user(staff).post(url, {"held_on": "31/02/2569"})
    assert r.status_code == 200 and Meeting.objects.filter(round=zone_round).count() == 1


def test_certificate_is_dated_on_the_provincial_meeting_and_date_edits_need_a_reason(
    entry, zone_chair, zone_member, staff, committee_round, chair, cmember
):
    submit(entry, zone_chair)
    submit(entry, zone_member)
    decide(entry, decision="pass", by=zone_chair)
    final = services.add_entry(committee_round, entry.enrolment, by=staff)
    submit(final, chair)
    submit(final, cmember)
    meeting = meetings.create_meeting(committee_round, by=staff, held_on=_day(30))
    meetings.resolve(meeting, final, outcome="pass", by=staff)
    final.enrolment.refresh_from_db()
    assert final.enrolment.outcome == Outcome.CERTIFIED
    cert = Certificate.objects.get(enrolment=final.enrolment)
    assert cert.certified_on == meeting.held_on
    with pytest.raises(ValidationError, match="เหตุผล"):
        set_certified_on(cert, by=staff, certified_on=_day(20), reason="")
    with pytest.raises(ValidationError, match="ไม่ก่อนวันประชุม"):
        set_certified_on(cert, by=staff, certified_on=_day(40), reason="พิมพ์ผิด")
    set_certified_on(cert, by=staff, certified_on=_day(20), reason="ลงนามในวันถัดมา")
    assert AuditEvent.objects.filter(action="certificate.certified_on_changed").exists()


def test_pattern_with_the_province_abbreviation(year):
    from apps.certification.services import format_number
    from apps.geo.models import Province

    assert Province.objects.get(code="65").abbr == "พล"
    assert Province.objects.get(code="10").abbr == "กท"
    assert Province.objects.exclude(abbr="").count() == 77
    year.certificate_pattern = "{abbr} {seq}/{be_year}"
    assert format_number(year, 7, dt.date(2026, 9, 10)) == "พล 7/2569"


def test_certificate_issued_by_hand_takes_the_meeting_day(
    entry, zone_chair, zone_member, staff, committee_round, chair, cmember
):
    from apps.certification.services import issue_certificate, revoke_certificate

    submit(entry, zone_chair)
    submit(entry, zone_member)
    decide(entry, decision="pass", by=zone_chair)
    final = services.add_entry(committee_round, entry.enrolment, by=staff)
    submit(final, chair)
    submit(final, cmember)
    meeting = meetings.create_meeting(committee_round, by=staff, held_on=_day(30))
    meetings.resolve(meeting, final, outcome="pass", by=staff)
    cert = Certificate.objects.get(enrolment=final.enrolment)
    revoke_certificate(cert, by=staff, reason="ทดสอบ")
    cert.delete()
    again = issue_certificate(final.enrolment, by=staff)
    assert again.certified_on == meeting.held_on != timezone.localdate()


def test_a_pass_of_a_meeting_after_the_certificate_date_is_refused(
    entry, zone_chair, zone_member, staff, committee_round, chair, cmember
):
    from apps.certification.receivers import refuse_meeting_after_certificate

    submit(entry, zone_chair)
    submit(entry, zone_member)
    decide(entry, decision="pass", by=zone_chair)
    final = services.add_entry(committee_round, entry.enrolment, by=staff)
    first = meetings.create_meeting(committee_round, by=staff, held_on=_day(30))
    meetings.resolve(first, final, outcome="pass", by=staff, reason="มติที่ประชุม")
    later = meetings.create_meeting(committee_round, by=staff, held_on=_day(5))
    final.enrolment.refresh_from_db()
    with pytest.raises(ValidationError, match="อยู่หลังวันที่รับรอง"):
        refuse_meeting_after_certificate(None, enrolment=final.enrolment, decision="pass", meeting=later)
    refuse_meeting_after_certificate(None, enrolment=final.enrolment, decision="pass", meeting=first)
