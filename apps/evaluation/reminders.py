"""Reminders of the evaluation (registered with apps.core.reminders) and rounds in the calendar feed.

- `evaluation.unfinished_scorecards`: 7 and 1 days before a round starts, each committee member who still
  has units to score in it (no scorecard yet, or a draft) among the entries they may score
  (RoundEntry.objects.scorable_by — the conflict-of-interest rule in one place).
- `evaluation.decisions_due`: once every scorecard of a started round is in and units still wait for a
  decision, the chair and the secretary of its committee — once per round.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core import calendar, reminders
from apps.core.calendar import Event
from apps.core.notices import EVALUATION_REMINDER
from apps.core.thaidates import format_date

from .enums import DECIDING_ROLES, ScorecardStatus
from .models import CommitteeMember, Round, RoundEntry, Scorecard

SCORECARDS = "evaluation.unfinished_scorecards"
SCORECARDS_RULE = "evaluation:unfinished_scorecards"
SCORECARD_OFFSETS = (7, 1)  # days before the round starts
DECISIONS = "evaluation.decisions_due"
DECISIONS_RULE = "evaluation:decisions_due"
DECISIONS_WINDOW = 90  # days after a round's start during which a missing decision is still reminded


def _url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def _to_score(rnd, user):
    """Entries of the round the user may score, still undecided, without the user's submitted scorecard."""
    # A subquery, not exclude(scorecards__member=…, scorecards__status=…): on a multi-valued relation that
    # exclude would drop an entry where the user has a draft and someone else has submitted.
    submitted = Scorecard.objects.filter(member_id=user.pk, status=ScorecardStatus.SUBMITTED).values(
        "entry_id"
    )
    return RoundEntry.objects.scorable_by(user).filter(round=rnd, decision="").exclude(pk__in=submitted)


# --- unfinished scorecards -----------------------------------------------------------------------------------


def unfinished_scorecards(today):
    days = {today + dt.timedelta(days=n): n for n in SCORECARD_OFFSETS}
    rounds = list(
        Round.objects.filter(starts_on__in=list(days), committee__year__is_open=True).select_related(
            "committee__year"
        )
    )
    if not rounds:
        return
    seats = {}
    for s in CommitteeMember.objects.filter(
        committee_id__in={r.committee_id for r in rounds}, user__is_active=True, removed_at__isnull=True
    ).select_related("user"):
        seats.setdefault(s.committee_id, []).append(s)
    for rnd in rounds:
        offset = days[rnd.starts_on]
        for seat in seats.get(rnd.committee_id, []):
            n = _to_score(rnd, seat.user).count()
            if not n:
                continue
            fmt = {
                "n": n,
                "round": rnd.title,
                "date": format_date(rnd.starts_on),
                "days": offset,
                "committee": rnd.committee.name,
            }
            yield reminders.Reminder(
                rule_key=SCORECARDS_RULE,
                subject_key=f"round:{rnd.pk}",
                due_on=rnd.starts_on,
                offset_days=-offset,
                recipient=seat.user,
                title=_("อีก %(days)s วันถึง%(round)s: ยังให้คะแนนไม่ครบ %(n)s หน่วยนับ") % fmt,
                body=_(
                    "%(committee)s\nรอบ: %(round)s เริ่ม %(date)s\nยังมี %(n)s หน่วยนับที่ท่านยังไม่ได้ส่งใบให้คะแนน "
                    "(ยังไม่เริ่มหรือยังเป็นร่าง) กรุณาให้คะแนนและกดส่งก่อนวันประเมิน"
                )
                % fmt,
                url=_url("evaluation:my_scorecards"),
                kind=EVALUATION_REMINDER,
                province_id=rnd.committee.year.province_id,
            )


def scorecards_still_due(delivery):
    """The round still starts on that day and the member still has something to score in it."""
    rnd = _round_of(delivery)
    if rnd is None or rnd.starts_on != delivery.due_on:
        return False
    return _to_score(rnd, delivery.recipient).exists()


def _round_of(delivery):
    try:
        return Round.objects.select_related("committee").get(pk=int(delivery.subject_key.split(":")[1]))
    except (IndexError, ValueError, Round.DoesNotExist):
        return None


# --- decisions due -------------------------------------------------------------------------------------------


def rounds_ready_for_decision(rounds):
    """{round pk: number of undecided entries} for rounds whose undecided entries all have every expected
    scorecard in (expected: the seats the conflict rule lets score). Constant queries for any number of rounds."""
    from .decisions import excluded, member_districts

    rounds = {r.pk: r for r in rounds}
    if not rounds:
        return {}
    seats = list(
        CommitteeMember.objects.active()
        .filter(committee_id__in={r.committee_id for r in rounds.values()})
        .select_related("person")
    )
    homes = member_districts(seats)
    by_committee = {}
    for s in seats:
        by_committee.setdefault(s.committee_id, []).append(s)
    open_entries, complete = {}, {}
    for entry in (
        RoundEntry.objects.filter(round_id__in=rounds, decision="")
        .select_related("enrolment__unit")
        .prefetch_related("scorecards", "conflicts")
    ):
        rnd = rounds[entry.round_id]
        done = {c.seat_id for c in entry.scorecards.all() if c.status == ScorecardStatus.SUBMITTED}
        expected = [
            s.pk
            for s in by_committee.get(rnd.committee_id, [])
            if not excluded(
                rnd.committee.level,
                entry.enrolment,
                s.user_id,
                homes[s.pk],
                any(d.seat_id == s.pk for d in entry.conflicts.all()),
            )
        ]
        open_entries[rnd.pk] = open_entries.get(rnd.pk, 0) + 1
        complete[rnd.pk] = complete.get(rnd.pk, True) and bool(expected) and set(expected) <= done
    return {pk: n for pk, n in open_entries.items() if complete[pk]}


def decisions_due(today):
    rounds = list(
        Round.objects.filter(
            starts_on__lte=today,
            starts_on__gte=today - dt.timedelta(days=DECISIONS_WINDOW),
            committee__year__is_open=True,
        ).select_related("committee__year")
    )
    ready = rounds_ready_for_decision(rounds)
    if not ready:
        return
    deciders = {}
    for s in CommitteeMember.objects.filter(
        committee_id__in={r.committee_id for r in rounds if r.pk in ready},
        role__in=list(DECIDING_ROLES),
        user__is_active=True,
        removed_at__isnull=True,
    ).select_related("user"):
        deciders.setdefault(s.committee_id, []).append(s.user)
    for rnd in rounds:
        if rnd.pk not in ready:
            continue
        fmt = {"n": ready[rnd.pk], "round": rnd.title, "committee": rnd.committee.name}
        for user in deciders.get(rnd.committee_id, []):
            yield reminders.Reminder(
                rule_key=DECISIONS_RULE,
                subject_key=f"round:{rnd.pk}",
                due_on=rnd.starts_on,
                offset_days=0,
                recipient=user,
                title=_("กรรมการส่งใบให้คะแนนครบแล้ว: %(round)s รอบันทึกผลการตัดสิน %(n)s หน่วยนับ") % fmt,
                body=_(
                    "%(committee)s\nกรรมการทุกคนส่งใบให้คะแนนของรอบ %(round)s ครบแล้ว "
                    "กรุณาบันทึกผลการตัดสิน (%(n)s หน่วยนับ)"
                )
                % fmt,
                url=_url("evaluation:round", rnd.pk),
                kind=EVALUATION_REMINDER,
                province_id=rnd.committee.year.province_id,
            )


def decisions_still_due(delivery):
    rnd = _round_of(delivery)
    return rnd is not None and RoundEntry.objects.filter(round=rnd, decision="").exists()


# --- calendar feed -------------------------------------------------------------------------------------------


def round_events(user):
    qs = (
        Round.objects.visible_to(user)
        .filter(committee__year__is_open=True)
        .select_related("committee__year__province")
    )
    for r in qs:
        where = r.place or r.online_url
        yield Event(
            uid=f"round-{r.pk}@mchch",
            day=r.starts_on,
            end=r.ends_on if r.ends_on and r.ends_on > r.starts_on else None,
            summary=_("ประเมิน%(level)s: %(title)s (มชช. ปี %(fy)s)")
            % {
                "level": r.committee.get_level_display(),
                "title": r.title,
                "fy": r.committee.year.fiscal_year,
            },
            description=r.committee.name + (("\n" + where) if where else ""),
            url=_url("evaluation:round", r.pk),
        )


def register():
    reminders.register(SCORECARDS, unfinished_scorecards, still_due=scorecards_still_due)
    reminders.register(DECISIONS, decisions_due, still_due=decisions_still_due)
    calendar.register("evaluation.rounds", round_events)
