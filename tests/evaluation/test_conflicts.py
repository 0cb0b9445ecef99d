"""Conflict of interest declared by the member (issue 18 item 6): with a reason, on the scorecard page; from then
on the unit is not theirs to score (RoundEntry.scorable_by), they count as excluded in the round's picture and in
the "all scorecards in" reminder, and the declaration is audited. Own district and mentor stay computed."""

import pytest
from django.core.exceptions import ValidationError

from apps.core.models import AuditEvent
from apps.evaluation import decisions, reminders, services
from apps.evaluation.models import ConflictDeclaration, RoundEntry, Scorecard

from .conftest import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(zone_round, passed_district, staff):
    return services.add_entry(zone_round, passed_district.enrolment, by=staff)


def test_a_declared_unit_leaves_the_members_scorecards_and_counts_as_excluded(entry, zone_member, zone_chair):
    services.save_scorecard(entry, zone_member, values={}, by=zone_member)  # a draft
    services.declare_conflict(entry, zone_member, reason="เป็นญาติกับประธานกลุ่ม")
    assert not RoundEntry.objects.scorable_by(zone_member).filter(pk=entry.pk).exists()
    assert RoundEntry.objects.scorable_by(zone_chair).filter(pk=entry.pk).exists()
    assert not Scorecard.objects.filter(entry=entry, member=zone_member).exists()  # the draft went with it
    pic = decisions.entry_picture(entry)
    states = {s.user_id: st for s, st in pic.cells}
    assert states[zone_member.pk] == "excluded" and pic.expected == 1
    event = AuditEvent.objects.get(action="scorecard.conflict_declared")
    assert event.reason == "เป็นญาติกับประธานกลุ่ม" and event.actor == zone_member
    # the chair alone completes the unit: the deciders are told it is ready
    submit(entry, zone_chair)
    assert reminders.rounds_ready_for_decision([entry.round]) == {entry.round_id: 1}


def test_refusals_reason_submitted_decided_and_strangers(entry, zone_member, zone_local, zone_chair):
    with pytest.raises(ValidationError, match="เหตุผล"):
        services.declare_conflict(entry, zone_member, reason="  ")
    submit(entry, zone_member)
    with pytest.raises(ValidationError, match="เลขานุการ"):
        services.declare_conflict(entry, zone_member, reason="ญาติ")
    with pytest.raises(ValidationError, match="ไม่อยู่ในรายการ"):  # already excluded by own district
        services.declare_conflict(entry, zone_local, reason="ญาติ")
    assert not ConflictDeclaration.objects.exists()


def test_the_scorecard_page_per_role(as_user, entry, zone_member, zone_local, neighbour):
    url = f"/app/evaluation/score/{entry.pk}/conflict/"
    page = as_user(zone_member).get(f"/app/evaluation/score/{entry.pk}/").content.decode()
    assert 'action="' + url + '"' in page and "แจ้งส่วนได้เสีย" in page
    r = as_user(zone_member).post(url, {"reason": ""}, follow=True)
    assert "กรุณาระบุเหตุผล" in r.content.decode() and not ConflictDeclaration.objects.exists()
    r = as_user(zone_member).post(url, {"reason": "เป็นสมาชิกกลุ่มนี้"}, follow=True)
    assert r.redirect_chain[-1][0].endswith("/app/evaluation/score/")
    assert ConflictDeclaration.objects.get().member == zone_member
    assert as_user(zone_member).get(f"/app/evaluation/score/{entry.pk}/").status_code == 404
    assert as_user(zone_local).post(url, {"reason": "x"}).status_code == 404  # not theirs to score
    assert as_user(neighbour).post(url, {"reason": "x"}).status_code == 404
    assert as_user(zone_member).get(url).status_code == 405
