"""Committees, rounds, entries and scorecards: one function per transition (validate, write, audit)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment
from apps.accounts.services import assign_role, invite_user
from apps.core.audit import audit, snapshot
from apps.core.forms import validate_upload
from apps.registry.enums import EvaluationLevel, Outcome, Stage

from . import readiness, scoring
from .enums import DECIDING_ROLES, CommitteeRole, Decision, ScorecardStatus
from .models import Committee, CommitteeMember, ConflictDeclaration, Round, RoundEntry, Score, Scorecard

# The account role a seat in a committee of each level gives (apps/accounts/enums.py).
LEVEL_ROLE = {
    EvaluationLevel.DISTRICT: Role.DISTRICT_COMMITTEE,
    EvaluationLevel.ZONE: Role.ZONE_MEMBER,
    EvaluationLevel.SUBCOMMITTEE: Role.SUBCOMMITTEE_MEMBER,
    EvaluationLevel.COMMITTEE: Role.COMMITTEE_MEMBER,
}


# --- the chain of levels ---------------------------------------------------------------------------


def previous_level(year, level):
    """The level a unit must have passed before `level` in this year; None for the first. Levels switched
    off for the year are skipped (DESIGN §7)."""
    levels = year.levels
    i = levels.index(level)
    return levels[i - 1] if i > 0 else None


def is_last_level(year, level):
    return bool(year.levels) and year.levels[-1] == level


# --- committees --------------------------------------------------------------------------------------


@transaction.atomic
def create_committee(year, level, *, name, by, district=None, zone=None):
    if level not in year.levels:
        raise ValidationError(_("ระดับการประเมินนี้ไม่ได้เปิดใช้ในปีงบประมาณ %(fy)s") % {"fy": year.fiscal_year})
    if level == EvaluationLevel.DISTRICT:
        if district is None or district.province_id != year.province_id:
            raise ValidationError(_("คณะกรรมการระดับอำเภอต้องระบุอำเภอในจังหวัดนี้"))
        zone = None
    elif level == EvaluationLevel.ZONE:
        if zone is None or zone.province_id != year.province_id or zone.fiscal_year != year.fiscal_year:
            raise ValidationError(_("คณะทำงานระดับโซนต้องระบุโซนของปีงบประมาณนี้"))
        district = None
    else:
        district = zone = None
    if Committee.objects.filter(year=year, level=level, district=district, zone=zone).exists():
        raise ValidationError(_("มีคณะกรรมการของระดับและพื้นที่นี้ในปีนี้แล้ว"))
    committee = Committee.objects.create(year=year, level=level, district=district, zone=zone, name=name)
    audit(
        by, "committee.created", committee, after=snapshot(committee, ["level", "district", "zone", "name"])
    )
    return committee


def _ensure_role(user, committee, seat_role, by):
    level = committee.level
    role = LEVEL_ROLE[level]
    if level == EvaluationLevel.COMMITTEE and seat_role in DECIDING_ROLES:
        role = Role.COMMITTEE_CHAIR
    fy = committee.year.fiscal_year
    scope = {"province": None, "district": None, "zone": None}
    if level == EvaluationLevel.DISTRICT:
        scope["district"] = committee.district
    elif level == EvaluationLevel.ZONE:
        scope["zone"] = committee.zone
    else:
        scope["province"] = committee.year.province
    if RoleAssignment.objects.filter(
        Q(fiscal_year=fy) | Q(fiscal_year__isnull=True), user=user, role=role, **scope
    ).exists():
        return
    assign_role(user, role=role, fiscal_year=fy, by=by, **scope)


@transaction.atomic
def add_member(committee, *, role, by, user=None, invite=None, affiliation="", home_district=None, order=10):
    """Seat a person on a committee. `invite` ({email, title, first_name, last_name, position}) creates an
    account for outside members (partners, past passers) and e-mails them a link to set a password."""
    if user is None:
        if not invite:
            raise ValidationError(_("กรุณาเลือกผู้ใช้ หรือกรอกอีเมลเพื่อเชิญบุคคลภายนอก"))
        user = invite_user(by=by, **invite)
    if CommitteeMember.objects.filter(committee=committee, user=user).exists():
        raise ValidationError(_("%(u)s เป็นกรรมการในคณะนี้อยู่แล้ว") % {"u": user})
    if role == CommitteeRole.CHAIR and committee.members.filter(role=CommitteeRole.CHAIR).exists():
        raise ValidationError(_("คณะกรรมการนี้มีประธานแล้ว"))
    seat = CommitteeMember.objects.create(
        committee=committee,
        user=user,
        role=role,
        affiliation=affiliation,
        home_district=home_district,
        order=order,
    )
    _ensure_role(user, committee, role, by)
    audit(
        by,
        "committee.member_added",
        committee,
        after={"user": user.email, "role": role, "affiliation": affiliation},
    )
    return seat


@transaction.atomic
def remove_member(seat, *, by):
    if Scorecard.objects.filter(entry__round__committee=seat.committee, member=seat.user).exists():
        raise ValidationError(_("กรรมการท่านนี้ให้คะแนนไปแล้ว จึงนำออกจากคณะกรรมการไม่ได้"))
    audit(by, "committee.member_removed", seat.committee, before={"user": seat.user.email, "role": seat.role})
    seat.delete()


# --- rounds and entries ------------------------------------------------------------------------------

ROUND_FIELDS = ["title", "starts_on", "ends_on", "place", "online_url", "slot_minutes", "first_slot"]


def _check_round(data):
    if data["ends_on"] < data["starts_on"]:
        raise ValidationError(_("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"))
    if not data.get("place") and not data.get("online_url"):
        raise ValidationError(_("กรุณาระบุสถานที่หรือลิงก์ประชุมออนไลน์อย่างน้อยหนึ่งอย่าง"))


@transaction.atomic
def create_round(committee, *, by, **data):
    _check_round(data)
    rnd = Round.objects.create(committee=committee, created_by=by, **data)
    audit(by, "round.created", rnd, after=snapshot(rnd, ROUND_FIELDS))
    return rnd


@transaction.atomic
def update_round(rnd, *, by, **data):
    _check_round(data)
    before = snapshot(rnd, ROUND_FIELDS)
    for k, v in data.items():
        setattr(rnd, k, v)
    rnd.save(update_fields=list(data))
    audit(by, "round.updated", rnd, before=before, after=snapshot(rnd, ROUND_FIELDS))
    return rnd


def _in_area(committee, enrolment):
    district_id = enrolment.unit.district_id
    if committee.level == EvaluationLevel.DISTRICT:
        return district_id == committee.district_id
    if committee.level == EvaluationLevel.ZONE:
        return committee.zone.memberships.filter(district_id=district_id).exists()
    return district_id.startswith(committee.year.province_id)


def entry_errors(rnd, enrolment, override_reason=""):
    """Why `enrolment` may not enter `rnd` (a Thai message), or None. A unit without its self-assessment and
    submitted plan enters only with `override_reason` (provincial staff, readiness.py)."""
    committee = rnd.committee
    year = committee.year
    if enrolment.year_id != year.pk:
        return _("หน่วยนับนี้ไม่ได้อยู่ในปีงบประมาณของรอบการประเมิน")
    if enrolment.outcome != Outcome.IN_PROGRESS:
        return _("หน่วยนับนี้มีผลประจำปีแล้ว (%(o)s)") % {"o": enrolment.get_outcome_display()}
    if enrolment.stage != Stage.EVALUATION:
        return _("หน่วยนับต้องอยู่ในขั้นที่ 5 ประเมินเพื่อรับรองก่อนเข้ารอบการประเมิน")
    if committee.level not in year.levels:
        return _("ระดับการประเมินนี้ไม่ได้เปิดใช้ในปีงบประมาณนี้")
    if not _in_area(committee, enrolment):
        return _("หน่วยนับนี้ไม่อยู่ในพื้นที่ของคณะกรรมการ")
    same_level = RoundEntry.objects.filter(enrolment=enrolment, round__committee__level=committee.level)
    if same_level.exclude(decision=Decision.RETURN).exists():
        return _("หน่วยนับนี้อยู่ในรอบการประเมินระดับนี้แล้ว")
    if RoundEntry.objects.filter(round=rnd, enrolment=enrolment).exists():
        return _("หน่วยนับนี้อยู่ในรอบนี้แล้ว หากถูกส่งกลับ ให้เพิ่มในรอบถัดไปหรือแก้ไขผลการตัดสิน")
    prev = previous_level(year, committee.level)
    if (
        prev is not None
        and not RoundEntry.objects.filter(
            enrolment=enrolment, round__committee__level=prev, decision=Decision.PASS
        ).exists()
    ):
        return _("หน่วยนับนี้ยังไม่ผ่านการประเมิน%(prev)s จึงเข้ารอบนี้ไม่ได้") % {"prev": EvaluationLevel(prev).label}
    missing = readiness.gaps_of([enrolment.pk]).get(enrolment.pk)
    if missing and not (override_reason or "").strip():
        return readiness.gap_message(missing)
    return None


def _next_order(rnd):
    last = rnd.entries.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def add_entry(rnd, enrolment, *, by, override_reason=""):
    """Put a unit in a round. `override_reason`: provincial staff let in a unit that lacks its self-assessment
    or submitted plan (the caller checks the permission evaluation.override_readiness); kept on the entry."""
    override_reason = (override_reason or "").strip()
    err = entry_errors(rnd, enrolment, override_reason)
    if err:
        raise ValidationError(err)
    if not readiness.gaps_of([enrolment.pk]):
        override_reason = ""  # nothing to excuse
    try:
        with transaction.atomic():
            entry = RoundEntry.objects.create(
                round=rnd,
                enrolment=enrolment,
                order=_next_order(rnd),
                added_by=by,
                override_reason=override_reason,
            )
    except IntegrityError:  # two people adding the same unit at once
        raise ValidationError(_("หน่วยนับนี้อยู่ในรอบนี้แล้ว")) from None
    audit(
        by,
        "round.entry_added",
        entry,
        after={"round": rnd.pk, "enrolment": enrolment.pk, "override_reason": override_reason},
        reason=override_reason,
    )
    return entry


def candidates(rnd):
    """Enrolments that may enter `rnd` now: in its area, passed the level below (or at stage 5 for the first)."""
    from apps.registry.models import Enrolment

    committee = rnd.committee
    year = committee.year
    qs = Enrolment.objects.filter(year=year, outcome=Outcome.IN_PROGRESS, stage=Stage.EVALUATION)
    if committee.level == EvaluationLevel.DISTRICT:
        qs = qs.filter(unit__district_id=committee.district_id)
    elif committee.level == EvaluationLevel.ZONE:
        qs = qs.filter(unit__district_id__in=committee.zone.memberships.values("district_id"))
    prev = previous_level(year, committee.level)
    if prev is not None:
        qs = qs.filter(round_entries__round__committee__level=prev, round_entries__decision=Decision.PASS)
    # entries of this year's committees only (an enrolment only ever enters rounds of its own year)
    taken = RoundEntry.objects.filter(
        round__committee__year=year, round__committee__level=committee.level
    ).exclude(decision=Decision.RETURN)
    in_round = RoundEntry.objects.filter(round=rnd).values("enrolment_id")
    return (
        qs.exclude(pk__in=taken.values("enrolment_id"))
        .exclude(pk__in=in_round)
        .select_related("unit__district")
        .distinct()
    )


@transaction.atomic
def place_passed(rnd, *, by):
    """Provincial staff place every unit that passed the level below into this round in one action."""
    added = []
    for enrolment in list(candidates(rnd)):
        if entry_errors(rnd, enrolment) is None:
            added.append(add_entry(rnd, enrolment, by=by))
    return added


@transaction.atomic
def schedule_entry(entry, *, by, order, slot_start, slot_minutes, mode, recording=None):
    fields = ["order", "slot_start", "slot_minutes", "mode"]
    before = snapshot(entry, fields)
    entry.order, entry.slot_start, entry.slot_minutes, entry.mode = order, slot_start, slot_minutes, mode
    if recording:
        validate_upload(recording, "presentation")
        entry.recording = recording
        fields.append("recording")
    entry.save(update_fields=fields)
    audit(
        by,
        "round.entry_scheduled",
        entry,
        before=before,
        after=snapshot(entry, ["order", "slot_start", "slot_minutes", "mode"]),
    )
    return entry


# --- scorecards ----------------------------------------------------------------------------------------


def scorecard_for(entry, member):
    """The member's scorecard of the entry (unsaved draft when none yet)."""
    card = Scorecard.objects.filter(entry=entry, member=member).first()
    if card is None:
        sset = scoring.standard_set_for(entry.enrolment)
        card = Scorecard(entry=entry, member=member, standard_set=sset)
    return card


@transaction.atomic
def save_scorecard(entry, member, *, values, comments=None, comment="", submit=False, by=None):
    """Save a member's scores (draft) or submit them. values: {indicator_id: Decimal or None}."""
    if not RoundEntry.objects.scorable_by(member).filter(pk=entry.pk).exists():
        raise ValidationError(_("ท่านไม่มีสิทธิ์ให้คะแนนหน่วยนับนี้ (ขัดกันแห่งผลประโยชน์หรือไม่ใช่กรรมการของรอบนี้)"))
    if entry.decision:
        raise ValidationError(_("คณะกรรมการตัดสินผลหน่วยนับนี้แล้ว ให้คะแนนเพิ่มไม่ได้"))
    sset = scoring.standard_set_for(entry.enrolment)
    if sset is None:
        raise ValidationError(_("ยังไม่มีชุดมาตรฐานที่ใช้งานสำหรับประเภทและปีของหน่วยนับนี้"))
    card = Scorecard.objects.select_for_update().filter(entry=entry, member=member).first()
    if card is not None and card.status == ScorecardStatus.SUBMITTED:
        raise ValidationError(_("ท่านส่งใบให้คะแนนของหน่วยนับนี้แล้ว ส่งซ้ำหรือแก้ไขไม่ได้"))
    indicators = scoring.indicators_of(card.standard_set if card else sset)
    comments = comments or {}
    for ind in indicators:
        v = values.get(ind.pk)
        if v is not None and not (0 <= v <= scoring.max_of(ind)):
            raise ValidationError(
                _("คะแนนของตัวชี้วัด %(code)s ต้องอยู่ระหว่าง 0 ถึง %(max)s")
                % {"code": ind.code, "max": scoring.max_of(ind).normalize()}
            )
    if submit:
        missing = [ind.code for ind in indicators if values.get(ind.pk) is None]
        if missing:
            raise ValidationError(_("ยังให้คะแนนไม่ครบทุกตัวชี้วัด: %(codes)s") % {"codes": ", ".join(missing)})
    if card is None:
        try:
            with transaction.atomic():
                card = Scorecard.objects.create(entry=entry, member=member, standard_set=sset)
        except IntegrityError:
            raise ValidationError(_("มีผู้อื่นบันทึกใบให้คะแนนนี้พร้อมกัน กรุณาโหลดหน้าใหม่")) from None
    for ind in indicators:
        Score.objects.update_or_create(
            scorecard=card,
            indicator=ind,
            defaults={"value": values.get(ind.pk), "comment": comments.get(ind.pk, "")},
        )
    card.comment = comment
    card.percent = scoring.percent(indicators, values)
    card.save(update_fields=["comment", "percent", "updated_at"])
    if submit:
        # Conditional update: of two tabs submitting at once only one wins.
        n = Scorecard.objects.filter(pk=card.pk, status=ScorecardStatus.DRAFT).update(
            status=ScorecardStatus.SUBMITTED, submitted_at=timezone.now()
        )
        if n != 1:
            raise ValidationError(_("ท่านส่งใบให้คะแนนของหน่วยนับนี้แล้ว ส่งซ้ำหรือแก้ไขไม่ได้"))
        card.refresh_from_db()
        audit(by or member, "scorecard.submitted", card, after={"percent": card.percent})
    else:
        audit(by or member, "scorecard.saved", card, after={"percent": card.percent})
    return card


@transaction.atomic
def declare_conflict(entry, member, *, reason):
    """A member declares a conflict of interest with a unit they were to score, with the reason (issue 18 item 6):
    the unit leaves their scorecards (scorable_by) and they count as excluded. A draft scorecard goes with it; a
    submitted one stays, and the declaration is refused (the committee's secretary deals with it)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("กรุณาระบุเหตุผลที่ท่านมีส่วนได้เสียกับหน่วยนับนี้"))
    entry = RoundEntry.objects.select_for_update().get(pk=entry.pk)
    if not RoundEntry.objects.scorable_by(member).filter(pk=entry.pk).exists():
        raise ValidationError(_("หน่วยนับนี้ไม่อยู่ในรายการที่ท่านให้คะแนน"))
    if entry.decision:
        raise ValidationError(_("คณะกรรมการตัดสินผลหน่วยนับนี้แล้ว จึงแจ้งส่วนได้เสียไม่ได้"))
    card = Scorecard.objects.filter(entry=entry, member=member).first()
    if card is not None and card.status == ScorecardStatus.SUBMITTED:
        raise ValidationError(_("ท่านส่งใบให้คะแนนหน่วยนับนี้แล้ว จึงแจ้งส่วนได้เสียในระบบไม่ได้ กรุณาแจ้งเลขานุการคณะกรรมการ"))
    if card is not None:
        card.delete()
    declaration = ConflictDeclaration.objects.create(entry=entry, member=member, reason=reason)
    audit(
        member,
        "scorecard.conflict_declared",
        entry,
        after={"member": member.pk, "draft_removed": card is not None},
        reason=reason,
    )
    return declaration
