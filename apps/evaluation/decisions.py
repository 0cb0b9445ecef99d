"""The committee's decision on each unit of a round, the round's scoring picture, and bulk decisions."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment
from apps.core.audit import audit
from apps.core.notices import notify
from apps.registry.enums import EvaluationLevel, Outcome

from . import scoring, signals
from .enums import Decision, ScorecardStatus
from .models import CommitteeMember, ConflictDeclaration, RoundEntry, Score, Scorecard
from .services import is_last_level


def excluded(level, enrolment, user_id, own_districts, declared=False):
    """The conflict rule of RoundEntry.scorable_by / scorable_for_seat, in Python, for pages that show every
    member × unit. `user_id`: the member's account (None for a person without one: they mentor nobody);
    `declared`: the member declared a conflict with this unit (ConflictDeclaration)."""
    if declared or (user_id is not None and enrolment.mentor_id == user_id):
        return True
    return level != EvaluationLevel.DISTRICT and enrolment.unit.district_id in own_districts


def declared_conflicts(entry_ids):
    """{(entry_id, seat_id)} of the conflicts members declared on these entries, in one query."""
    return set(ConflictDeclaration.objects.filter(entry_id__in=entry_ids).values_list("entry_id", "seat_id"))


def member_districts(seats):
    """{seat pk: own district ids} for seats (person selected): the person's home district and the district
    roles of their account, in one query."""
    out = {s.pk: ({s.person.home_district_id} if s.person.home_district_id else set()) for s in seats}
    of_user = defaultdict(set)
    for user_id, district_id in RoleAssignment.objects.filter(
        user_id__in=[s.user_id for s in seats if s.user_id],
        role__in=[Role.DISTRICT_OFFICER, Role.DISTRICT_COMMITTEE],
    ).values_list("user_id", "district_id"):
        of_user[user_id].add(district_id)
    for s in seats:
        if s.user_id:
            out[s.pk] |= of_user[s.user_id]
    return out


def blind_entries(user, rnd):
    """Entries of the round whose committee mean and other members' scores the user may not see yet: those
    they may score themself and have not submitted their scorecard for (DESIGN §8: chair and secretary
    included). One query. A member excluded from a unit (a conflict) is not blind to it."""
    if not CommitteeMember.objects.active().filter(committee_id=rnd.committee_id, user_id=user.pk).exists():
        return set()
    done = Scorecard.objects.filter(
        member_id=user.pk, status=ScorecardStatus.SUBMITTED, entry__round=rnd
    ).values("entry_id")
    return set(
        RoundEntry.objects.scorable_by(user)
        .filter(round=rnd)
        .exclude(pk__in=done)
        .values_list("pk", flat=True)
    )


@dataclass
class EntryPicture:
    entry: RoundEntry
    mean: Decimal | None = None
    median: Decimal | None = None
    submitted: int = 0
    expected: int = 0
    computed: str = ""
    cells: list = field(default_factory=list)  # (seat, "done"|"pending"|"excluded")
    standard_set: object = None  # the set the unit is judged on (its scorecards', else the newest published)
    result: object = (
        None  # apps.development.scoring.Result of the committee's scores (round_picture(detail=True))
    )
    fails_mandatory: bool = (
        False  # suggested "not passed" because a mandatory indicator is below its pass score
    )
    means: dict = field(default_factory=dict)  # {indicator_id: mean of the submitted scores}
    links: dict = field(default_factory=dict)  # the entry's pages, filled by the round page
    row: dict = field(default_factory=dict)  # what the round page's table prints of the unit, filled by it

    @property
    def quorum(self):
        return self.expected > 0 and self.submitted * 2 > self.expected

    @property
    def failed_mandatory(self):
        """The mandatory indicators the committee's scores do not meet (when the set requires them), for the
        decision page: [{"ind", "mean" (score indicators), "share" (% of members saying met, pass/fail)}]."""
        if self.result is None or not self.standard_set.require_mandatory:
            return []
        rows = []
        for ind in self.result.failed_mandatory:
            mean = self.means.get(ind.pk)
            row = {"ind": ind, "mean": None, "share": None}
            if mean is not None and ind.scale == ind.Scale.PASS_FAIL:
                row["share"] = (mean * 100).quantize(Decimal("1"), ROUND_HALF_UP)
            elif mean is not None:
                row["mean"] = mean.quantize(Decimal("0.01"), ROUND_HALF_UP)
            rows.append(row)
        return rows


VERDICT_TTL = 60 * 60 * 24 * 30


def _verdict_key(entry_id, standard_set, cards):
    """The suggested result of a unit is a function of its submitted scorecards (scores cannot change once a card
    is submitted; a card sent back and submitted again has a new submitted_at) and of its standard set (a
    published or used set is never edited in place: editing makes a new version): a key built from them never
    needs invalidating."""
    stamps = ",".join(
        f"{c.pk}@{c.submitted_stamp or ''}"
        for c in sorted(cards, key=lambda c: c.pk)
        if c.standard_set_id == standard_set.pk
    )
    digest = hashlib.sha1(stamps.encode(), usedforsecurity=False).hexdigest()
    return f"verdict:{entry_id}:{standard_set.pk}.{standard_set.lock_version}:{digest}"


def _judge(pictures, cards_of, *, detail):
    """Fill in the standard set and the suggested result of every picture with the standard set's own pass
    rule (the self-assessment's). With `detail` (the decision page, decide) each unit's per-indicator means and
    Result are computed from the scores; without (the round page, bulk decisions) the verdicts come from the
    shared cache and only the units whose scorecards changed are computed. At most five queries."""
    set_id_of = {p.entry.pk: scoring.main_set_id(cards_of[p.entry.pk]) for p in pictures}
    unscored = [p for p in pictures if not set_id_of[p.entry.pk]]
    if unscored:  # judged on the newest published set of their year and type, read only when needed
        newest = scoring.newest_published(p.entry.enrolment.year_id for p in unscored)
        for pic in unscored:
            e = pic.entry.enrolment
            fallback = newest.get((e.year_id, e.unit.target_type))
            set_id_of[pic.entry.pk] = fallback and fallback.pk
    set_ids = {i for i in set_id_of.values() if i}
    sets = scoring.standard_sets(set_ids) if set_ids else {}
    todo, keys = [], {}
    for pic in pictures:
        pic.standard_set = sets.get(set_id_of[pic.entry.pk])
        if pic.standard_set is not None and pic.mean is not None:
            todo.append(pic)
            keys[pic.entry.pk] = _verdict_key(pic.entry.pk, pic.standard_set, cards_of[pic.entry.pk])
    known = {} if detail else cache.get_many(list(keys.values()))
    missing = [p for p in todo if keys[p.entry.pk] not in known]
    if missing:
        _compute(missing, cards_of)
        if not detail:
            cache.set_many(
                {keys[p.entry.pk]: (p.result.passed, p.result.failed_by_mandatory) for p in missing},
                VERDICT_TTL,
            )
    for pic in todo:
        passed, pic.fails_mandatory = known.get(keys[pic.entry.pk]) or (
            pic.result.passed,
            pic.result.failed_by_mandatory,
        )
        pic.computed = Decision.PASS if passed else Decision.NOT_PASS


def _compute(pictures, cards_of):
    """Per-indicator means and the Result of the pass rule for each picture (its standard_set and mean set)."""
    set_ids = {p.standard_set.pk for p in pictures}
    indicators = scoring.active_indicators(set_ids)
    judged = {
        c.pk: c for p in pictures for c in cards_of[p.entry.pk] if c.standard_set_id == p.standard_set.pk
    }
    rows = defaultdict(list)
    for card_id, indicator_id, value in Score.objects.filter(scorecard_id__in=list(judged)).values_list(
        "scorecard_id", "indicator_id", "value"
    ):
        rows[judged[card_id].entry_id].append((indicator_id, value))
    for pic in pictures:
        pic.means = scoring.indicator_means(rows[pic.entry.pk])
        pic.result = scoring.committee_result(
            pic.standard_set, indicators[pic.standard_set.pk], pic.means, pic.mean
        )


class Card(NamedTuple):
    """What the round's picture reads of a scorecard (a row, not a model: a provincial round has ~500)."""

    pk: int
    entry_id: int
    seat_id: int
    member_id: int | None
    status: str
    percent: Decimal | None
    standard_set_id: int
    submitted_stamp: str | None  # submitted_at as text: a key part, not parsed (565 timestamps cost 3 ms)


def cards_of_entries(entry_ids):
    """{entry_id: [Card]} of the given entries, in one query."""
    out = defaultdict(list)
    rows = (
        Scorecard.objects.filter(entry_id__in=list(entry_ids))
        .order_by("pk")
        .annotate(stamp=Cast("submitted_at", CharField()))
        .values_list(
            "pk", "entry_id", "seat_id", "member_id", "status", "percent", "standard_set_id", "stamp"
        )
    )
    for row in rows:
        out[row[1]].append(Card._make(row))
    return out


def round_picture(rnd, entries, *, detail=False):
    """Mean/median, suggested result and progress per member for every entry of a round: constant queries.
    `entries`: a list of the round's entries with enrolment__unit selected (see views). Returns the pictures,
    the progress per member and the standard sets the units are judged on (for the pass rule shown).
    `detail`: also each unit's per-indicator means and failed mandatory indicators, computed from the scores."""
    seats = list(
        CommitteeMember.objects.filter(committee_id=rnd.committee_id).select_related(
            "user", "person__home_district"
        )
    )
    homes = member_districts(seats)
    level = rnd.committee.level
    pictures, cards_of = [], {}
    progress = {s.pk: {"seat": s, "done": 0, "pending": 0, "excluded": 0, "removed": 0} for s in seats}
    all_cards = cards_of_entries(e.pk for e in entries)
    declared = declared_conflicts([e.pk for e in entries])
    for entry in entries:
        cards = {c.seat_id: c for c in all_cards[entry.pk]}
        pic = EntryPicture(entry)
        submitted = []
        for s in seats:
            if s.removed_at is not None:
                # a member removed from the committee: their scorecard stays on record, marked, not counted
                if s.pk not in cards:
                    continue
                state = "removed"
            elif excluded(level, entry.enrolment, s.user_id, homes[s.pk], (entry.pk, s.pk) in declared):
                state = "excluded"
            else:
                pic.expected += 1
                card = cards.get(s.pk)
                if card and card.status == ScorecardStatus.SUBMITTED:
                    state = "done"
                    pic.submitted += 1
                    submitted.append(card)
                else:
                    state = "pending"
            progress[s.pk][state] += 1
            pic.cells.append((s, state))
        pic.mean, pic.median = scoring.summary([c.percent for c in submitted])
        cards_of[entry.pk] = submitted
        pictures.append(pic)
    _judge(pictures, cards_of, detail=detail)
    rule_sets = list(
        {p.standard_set.pk: p.standard_set for p in pictures if p.standard_set is not None}.values()
    )
    shown = [p for p in progress.values() if p["seat"].removed_at is None or p["removed"]]
    return pictures, shown, rule_sets


def entry_picture(entry):
    entry = RoundEntry.objects.select_related("round__committee__year", "enrolment__unit").get(pk=entry.pk)
    pictures, _progress, _sets = round_picture(entry.round, [entry], detail=True)
    return pictures[0]


def _notify_decision(entry, enrolment, decision, reason, by, corrected):
    """Tell the district officers of the unit's district and the unit's mentor about a decision."""
    from apps.registry.services import district_officers

    recipients = {u.pk: u for u in district_officers(enrolment.unit.district_id)}
    if enrolment.mentor_id and enrolment.mentor.is_active:
        recipients.setdefault(enrolment.mentor_id, enrolment.mentor)
    if not recipients:
        return
    committee = entry.round.committee
    fmt = {
        "unit": enrolment.unit,
        "level": committee.get_level_display(),
        "decision": Decision(decision).label,
    }
    title = (
        _("แก้ไขผลการพิจารณา%(level)s: %(unit)s — %(decision)s")
        if corrected
        else _("ผลการพิจารณา%(level)s: %(unit)s — %(decision)s")
    ) % fmt
    lines = [
        _("คณะกรรมการ: %(c)s") % {"c": committee.name},
        _("รอบ: %(r)s") % {"r": entry.round.title},
        _("ผลการตัดสิน: %(d)s") % {"d": fmt["decision"]},
    ]
    if reason:
        lines.append(_("เหตุผล: %(r)s") % {"r": reason})
    url = settings.SITE_URL + reverse("evaluation:round", args=[entry.round_id])
    notify(list(recipients.values()), kind="decision_made", title=title, body="\n".join(lines), url=url)


@transaction.atomic
def decide(entry, *, decision, by, reason="", version=None, meeting=None):
    """Record (or correct) the committee's decision on one unit. Overruling the computed result, deciding
    before a quorum of scorecards, returning a unit and correcting a decision all need a reason. `meeting`: the
    meeting whose resolution this is (apps.evaluation.meetings.resolve): the decision's source and date."""
    reason = (reason or "").strip()
    entry = RoundEntry.objects.select_related(
        "round__committee__year", "enrolment__unit", "enrolment__year"
    ).get(pk=entry.pk)
    if version is not None and int(version) != entry.version:
        raise ValidationError(_("มีผู้อื่นบันทึกผลการตัดสินของหน่วยนับนี้ไปแล้ว กรุณาโหลดหน้าใหม่แล้วตรวจสอบอีกครั้ง"))
    if decision not in Decision.values:
        raise ValidationError(_("กรุณาเลือกผลการตัดสิน"))
    pic = entry_picture(entry)
    committee = entry.round.committee
    year = committee.year
    enrolment = entry.enrolment
    previous = entry.decision
    if previous:
        if previous == decision:
            raise ValidationError(_("ผลการตัดสินนี้บันทึกไว้แล้ว"))
        if not reason:
            raise ValidationError(_("การแก้ไขผลการตัดสินต้องระบุเหตุผล"))
        later = RoundEntry.objects.filter(enrolment=enrolment).exclude(
            round__committee__level=committee.level
        )
        later_levels = year.levels[year.levels.index(committee.level) + 1 :]
        if later.filter(round__committee__level__in=later_levels).exists():
            raise ValidationError(_("หน่วยนับนี้เข้ารอบการประเมินระดับถัดไปแล้ว จึงแก้ไขผลการตัดสินไม่ได้"))
    last_level = is_last_level(year, committee.level)
    signals.deciding.send(
        sender=RoundEntry,
        entry=entry,
        enrolment=enrolment,
        decision=decision,
        previous=previous,
        last_level=last_level,
        by=by,
        reason=reason,
        meeting=meeting,
    )
    # The decision is a separate act from scoring (DESIGN §8): a chair or secretary who may score the unit and
    # has not submitted their scorecard does not see the committee's scores (blind_entries), so they record a
    # decision only with a written reason — the meeting's resolution, recorded without their own score.
    blind = entry.pk in blind_entries(by, entry.round)
    if blind and not reason:
        raise ValidationError(
            _(
                "ท่านเป็นกรรมการที่ให้คะแนนหน่วยนับนี้และยังไม่ได้ส่งใบให้คะแนนของท่าน จึงยังไม่เห็นคะแนนของคณะกรรมการ: "
                "ส่งใบให้คะแนนก่อน หรือระบุเหตุผลหากบันทึกตามมติที่ประชุมโดยไม่ให้คะแนน"
            )
        )
    if not reason:
        if decision == Decision.RETURN:
            raise ValidationError(_("การส่งกลับให้ปรับปรุงต้องระบุเหตุผล"))
        if not pic.quorum:
            raise ValidationError(
                _("กรรมการส่งใบให้คะแนนยังไม่ถึงกึ่งหนึ่ง (%(n)s จาก %(m)s คน) หากจะตัดสินผลต้องระบุเหตุผล")
                % {"n": pic.submitted, "m": pic.expected}
            )
        if decision != pic.computed:
            raise ValidationError(
                _("ผลการตัดสินต่างจากผลที่คำนวณจากคะแนน (%(c)s) ต้องระบุเหตุผล")
                % {"c": Decision(pic.computed).label if pic.computed else _("ยังไม่มีคะแนน")}
            )
    now = timezone.now()
    # Optimistic concurrency: of two people deciding at once, the second finds the version moved on.
    n = RoundEntry.objects.filter(pk=entry.pk, version=entry.version).update(
        decision=decision,
        decision_reason=reason,
        decided_by=by,
        decided_at=now,
        mean_percent=pic.mean,
        median_percent=pic.median,
        version=F("version") + 1,
        decided_in=meeting,
    )
    if n != 1:
        raise ValidationError(_("มีผู้อื่นบันทึกผลการตัดสินของหน่วยนับนี้ไปแล้ว กรุณาโหลดหน้าใหม่แล้วตรวจสอบอีกครั้ง"))
    outcome_before = enrolment.outcome
    if decision == Decision.NOT_PASS:
        enrolment.outcome = Outcome.NOT_PASSED  # carried over next year (guideline 1.4)
    elif decision == Decision.PASS and last_level:
        enrolment.outcome = Outcome.CERTIFIED
    else:
        enrolment.outcome = Outcome.IN_PROGRESS
    if enrolment.outcome != outcome_before:
        enrolment.save(update_fields=["outcome"])
    audit(
        by,
        "evaluation.decision_corrected" if previous else "evaluation.decided",
        entry,
        before={"decision": previous, "outcome": outcome_before},
        after={
            "decision": decision,
            "outcome": enrolment.outcome,
            "mean": pic.mean,
            "median": pic.median,
            "computed": pic.computed,
            "failed_mandatory": [row["ind"].code for row in pic.failed_mandatory],
            "decided_without_own_scorecard": blind,
        },
        reason=reason,
    )
    signals.decided.send(
        sender=RoundEntry,
        entry=entry,
        enrolment=enrolment,
        decision=decision,
        previous=previous,
        last_level=last_level,
        by=by,
        reason=reason,
        decided_at=now,
        meeting=meeting,
    )
    _notify_decision(entry, enrolment, decision, reason, by, corrected=bool(previous))
    entry.refresh_from_db()
    return entry


@dataclass
class BulkOutcome:
    decided: list  # RoundEntry rows decided
    skipped: list = field(default_factory=list)  # RoundEntry rows not passed in bulk (a mandatory indicator)


@transaction.atomic
def decide_bulk(rnd, *, decision, reason, by, entry_ids=None, threshold=None):
    """One decision with one reason for the selected entries, or for every undecided entry whose mean is at
    or above `threshold`; one audit row per unit. All or nothing. A bulk pass skips the units whose suggested
    result is "not passed" because of a mandatory indicator, selected or above the threshold: passing such a
    unit overrules the standard set, which needs its own decision and reason on the unit's page."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("การตัดสินผลหลายหน่วยนับพร้อมกันต้องระบุเหตุผล"))
    entries = list(RoundEntry.objects.filter(round=rnd).select_related("enrolment__unit").order_by("order"))
    pictures, _p, _s = round_picture(rnd, entries)
    if threshold is not None:
        chosen = [p for p in pictures if not p.entry.decision and p.mean is not None and p.mean >= threshold]
    else:
        ids = {int(i) for i in entry_ids or []}
        chosen = [p for p in pictures if p.entry.pk in ids]
    skipped = [p.entry for p in chosen if p.fails_mandatory] if decision == Decision.PASS else []
    chosen = [p.entry for p in chosen if p.entry not in skipped]
    if not chosen:
        if skipped:
            raise ValidationError(
                _(
                    "ไม่มีหน่วยนับที่ตรงกับเงื่อนไข: หน่วยนับที่เลือกหรือที่คะแนนเฉลี่ยถึงเกณฑ์ %(n)s หน่วยนับ"
                    "ไม่ผ่านตัวชี้วัดบังคับ จึงไม่บันทึกผลผ่านพร้อมกัน กรุณาตัดสินผลทีละหน่วยนับ"
                )
                % {"n": len(skipped)}
            )
        raise ValidationError(_("ไม่มีหน่วยนับที่ตรงกับเงื่อนไข"))
    return BulkOutcome(
        decided=[decide(e, decision=decision, reason=reason, by=by) for e in chosen], skipped=skipped
    )
