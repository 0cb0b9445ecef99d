"""Issue 18 leftovers, item 2: a conflict of interest the member declared on their signed paper sheet, recorded
by the secretary (or staff) on their behalf from the paper entry pages."""

import pytest

from apps.accounts.models import User
from apps.core.models import AuditEvent
from apps.evaluation import links, services
from apps.evaluation.enums import CommitteeRole, ScorecardStatus
from apps.evaluation.models import ConflictDeclaration, RoundEntry, Scorecard
from apps.evaluation.sheets import sheet_pages

from .test_people import kamnan_seat, values_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(zone_round, passed_district, staff):
    return services.add_entry(zone_round, passed_district.enrolment, by=staff)


@pytest.fixture
def secretary(zone_committee, staff):
    user = User.objects.create_user("secretary@example.org", first_name="เลขา", last_name="สาธิต")
    services.add_member(zone_committee, role=CommitteeRole.SECRETARY, user=user, by=staff)
    return user


def url_of(rnd, seat, entry):
    return f"/app/evaluation/rounds/{rnd.pk}/members/{seat.pk}/paper/{entry.pk}/conflict/"


def test_secretary_records_a_paper_conflict_on_behalf(
    as_user, staff, zone_committee, zone_round, entry, secretary
):
    seat = kamnan_seat(zone_committee, staff)
    # a draft typed in earlier goes with the declaration
    services.save_seat_scorecard(entry, seat, values=values_for(entry), recorded_by=secretary)
    link, _url = links.issue_link(zone_round, seat, by=staff)
    c = as_user(secretary)
    page = c.get(
        f"/app/evaluation/rounds/{zone_round.pk}/members/{seat.pk}/paper/{entry.pk}/"
    ).content.decode()
    assert url_of(zone_round, seat, entry) in page
    assert c.get(url_of(zone_round, seat, entry)).status_code == 405
    # no reason: a Thai message, nothing recorded, the draft kept
    r = c.post(url_of(zone_round, seat, entry), {"reason": "   "}, follow=True)
    assert "กรุณาระบุเหตุผลที่กรรมการแจ้งไว้ในใบให้คะแนน" in r.content.decode()
    assert not ConflictDeclaration.objects.exists() and Scorecard.objects.filter(seat=seat).exists()
    r = c.post(url_of(zone_round, seat, entry), {"reason": "เป็นญาติกับประธานกลุ่ม (ระบุในใบที่ลงนาม)"})
    assert r.status_code == 302
    d = ConflictDeclaration.objects.get()
    assert d.seat == seat and d.member is None and d.entry == entry
    assert not Scorecard.objects.filter(seat=seat).exists()
    # the unit leaves the member's sheet, link and scorecards
    assert not RoundEntry.objects.scorable_for_seat(seat).filter(pk=entry.pk).exists()
    assert not links.open_entries(link).filter(pk=entry.pk).exists()
    assert entry.pk not in [p["entry"].pk for p in sheet_pages(zone_round, [seat])]
    ev = AuditEvent.objects.get(action="scorecard.conflict_declared_on_behalf")
    assert ev.actor == secretary and ev.reason.startswith("เป็นญาติ")
    assert ev.after["on_behalf_of"] == "นายบุญมี ทองสาธิต" and ev.after["recorded_by"] == str(secretary)
    assert ev.after["draft_removed"] is True
    # shown on the member's paper page with the reason; typing scores for it is now 404
    units = c.get(f"/app/evaluation/rounds/{zone_round.pk}/members/{seat.pk}/paper/").content.decode()
    assert "เป็นญาติกับประธานกลุ่ม" in units
    assert (
        c.get(f"/app/evaluation/rounds/{zone_round.pk}/members/{seat.pk}/paper/{entry.pk}/").status_code
        == 404
    )
    assert c.post(url_of(zone_round, seat, entry), {"reason": "ซ้ำ"}).status_code == 404


def test_a_submitted_sheet_keeps_its_scores(as_user, staff, zone_committee, zone_round, entry, secretary):
    seat = kamnan_seat(zone_committee, staff)
    services.save_seat_scorecard(entry, seat, values=values_for(entry), submit=True, recorded_by=secretary)
    r = as_user(secretary).post(url_of(zone_round, seat, entry), {"reason": "แจ้งภายหลัง"}, follow=True)
    assert "ส่งแล้ว จึงบันทึกส่วนได้เสียไม่ได้" in r.content.decode()
    assert not ConflictDeclaration.objects.exists()
    assert Scorecard.objects.get(seat=seat).status == ScorecardStatus.SUBMITTED


def test_who_may_record_a_paper_conflict(
    as_user, staff, zone_committee, zone_round, entry, zone_member, stranger
):
    seat = kamnan_seat(zone_committee, staff)
    url = url_of(zone_round, seat, entry)
    # a plain member reads the round but may not record for someone else; a stranger sees nothing
    assert as_user(zone_member).post(url, {"reason": "x"}).status_code == 403
    assert as_user(stranger).post(url, {"reason": "x"}).status_code == 404
    assert not ConflictDeclaration.objects.exists()
    # staff who run the committee may
    assert as_user(staff).post(url, {"reason": "เป็นสมาชิกของหน่วยนับ"}).status_code == 302
    assert AuditEvent.objects.get(action="scorecard.conflict_declared_on_behalf").actor == staff
