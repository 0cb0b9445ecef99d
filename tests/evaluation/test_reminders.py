"""Evaluator reminders and rounds in the calendar feed. Guideline 2.9: "คณะทำงานระดับโซนอำเภอ ประเมินผล
การพัฒนาตนเองของกลุ่มเป้าหมาย โดยให้นำเสนอผลงาน" — members score each unit presented in the round."""

import datetime as dt

import pytest
from django.core import mail

from apps.core import calendar as feeds
from apps.evaluation import reminders, scoring, services
from apps.evaluation.decisions import decide
from apps.notifications import services as notices
from apps.notifications.enums import DeliveryStatus
from apps.notifications.models import Delivery

from .conftest import full_score, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_daily(django_capture_on_commit_callbacks):
    def _run(today):
        with django_capture_on_commit_callbacks(execute=True):
            return notices.run_daily(today)

    return _run


@pytest.fixture
def entry(zone_round, passed_district, staff):
    return services.add_entry(zone_round, passed_district.enrolment, by=staff)


def draft(entry, member):
    inds = scoring.indicators_of(scoring.standard_set_for(entry.enrolment))
    return services.save_scorecard(entry, member, values=full_score(inds), submit=False, by=member)


def _mail_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_member_with_draft_gets_one_reminder_submitted_member_none(
    entry, zone_chair, zone_member, zone_local, run_daily
):
    submit(entry, zone_chair)
    draft(entry, zone_member)
    mail.outbox.clear()
    day = entry.round.starts_on - dt.timedelta(days=1)
    run_daily(day)
    run_daily(day)  # a second beat the same day: still one message
    assert len(_mail_to(zone_member)) == 1
    assert "ยังให้คะแนนไม่ครบ 1 หน่วยนับ" in _mail_to(zone_member)[0].subject
    assert _mail_to(zone_chair) == []  # submitted
    assert _mail_to(zone_local) == []  # a unit of their own district: not theirs to score
    d = Delivery.objects.get(source=reminders.SCORECARDS)
    assert d.recipient == zone_member and d.offset_days == -1 and d.status == DeliveryStatus.SENT


def test_only_seven_and_one_days_before(entry, zone_member, zone_chair):
    start = entry.round.starts_on
    due = {n: list(reminders.unfinished_scorecards(start - dt.timedelta(days=n))) for n in range(0, 10)}
    assert {n for n, rs in due.items() if rs} == {7, 1}
    # a member with nothing started is reminded too
    assert {r.recipient for r in due[7]} == {zone_member, zone_chair}


def test_reminder_cancelled_when_member_submits_before_sending(entry, zone_chair, zone_member, run_daily):
    submit(entry, zone_chair)
    day = entry.round.starts_on - dt.timedelta(days=7)
    notices.queue_reminders(day)
    submit(entry, zone_member)
    mail.outbox.clear()
    run_daily(day)
    assert _mail_to(zone_member) == []
    assert Delivery.objects.get(recipient=zone_member).status == DeliveryStatus.CANCELLED


def test_deciders_told_when_all_scorecards_are_in(
    entry, zone_chair, zone_member, run_daily, django_assert_max_num_queries
):
    start = entry.round.starts_on
    submit(entry, zone_chair)
    assert list(reminders.decisions_due(start)) == []  # zone_member has not submitted
    submit(entry, zone_member)
    with django_assert_max_num_queries(
        7
    ):  # constant: rounds, seats, homes, entries, cards, conflicts, deciders
        due = list(reminders.decisions_due(start))
    assert [r.recipient for r in due] == [zone_chair]  # the chair; plain members are not told
    assert "รอบันทึกผลการตัดสิน 1 หน่วยนับ" in due[0].title
    assert list(reminders.decisions_due(start - dt.timedelta(days=1))) == []  # the round has not begun
    mail.outbox.clear()
    run_daily(start)
    run_daily(start + dt.timedelta(days=1))
    assert len(_mail_to(zone_chair)) == 1
    decide(entry, decision="pass", by=zone_chair)
    assert list(reminders.decisions_due(start + dt.timedelta(days=2))) == []


def test_rounds_in_the_calendar_feed_within_scope(entry, zone_member, neighbour, staff):
    events = [e for e in feeds.events_for(zone_member) if e.uid.startswith("round-")]
    assert [e.uid for e in events] == [f"round-{entry.round_id}@mchch"]
    assert events[0].day == entry.round.starts_on and events[0].end == entry.round.ends_on
    assert "โซน" in events[0].summary
    assert any(e.uid == f"round-{entry.round_id}@mchch" for e in feeds.events_for(staff))
    assert not any(e.uid.startswith("round-") for e in feeds.events_for(neighbour))


def test_landing_panel_keeps_a_draft_when_another_member_submitted(entry, zone_chair, zone_member, rf):
    from apps.evaluation.landing import scorecards_context

    submit(entry, zone_chair)
    draft(entry, zone_member)
    request = rf.get("/app/")
    request.user = zone_member
    assert [(r.pk, r.n_todo) for r in scorecards_context(request)["rounds"]] == [(entry.round_id, 1)]
    request.user = zone_chair
    assert list(scorecards_context(request)["rounds"]) == []
