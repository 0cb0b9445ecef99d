"""Committees, rounds, entries and scorecards: one function per transition (validate, write, audit)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.enums import Role
from apps.accounts.models import Person, RoleAssignment
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


PERSON_FIELDS = ["title", "first_name", "last_name", "position", "organisation", "email", "phone", "line_id"]


@transaction.atomic
def add_person(province, *, by, user=None, home_district=None, **data):
    """A person record of the province (a member without an account: no e-mail is sent). With `user`, the
    account's record: found, or made from the account's names."""
    if user is not None and Person.objects.filter(user=user).exists():
        return Person.objects.get(user=user)
    if user is not None:
        data = {
            "title": user.title,
            "first_name": user.first_name or user.email.split("@")[0],
            "last_name": user.last_name,
            "position": user.position,
            "email": user.email,
            "phone": user.phone,
            **{k: v for k, v in data.items() if v},
        }
    if not (data.get("first_name") or "").strip():
        raise ValidationError(_("กรุณากรอกชื่อของกรรมการ"))
    if home_district is not None and home_district.province_id != province.pk:
        raise ValidationError(_("อำเภอที่สังกัดต้องอยู่ในจังหวัดนี้"))
    person = Person.objects.create(
        province=province,
        user=user,
        home_district=home_district,
        created_by=by,
        **{k: (data.get(k) or "").strip() for k in PERSON_FIELDS},
    )
    audit(by, "person.created", person, after=snapshot(person, PERSON_FIELDS + ["home_district", "user"]))
    return person


@transaction.atomic
def add_member(
    committee,
    *,
    role,
    by,
    user=None,
    person=None,
    invite=None,
    details=None,
    affiliation="",
    home_district=None,
    order=10,
):
    """Seat a person on a committee, in one of four ways: an existing `person` record; a `user` with an
    account (their person record is found or made); `invite` ({email, title, first_name, last_name, position})
    creates an account for an outside member and e-mails them a link to set a password; `details` (the person
    fields, e-mail optional) seats a person without an account — nothing is sent, they score on paper or by a
    one-time link. `affiliation` and `home_district` fill the person record where it has none yet."""
    province = committee.year.province
    if person is None:
        if user is None and invite:
            user = invite_user(by=by, **invite)
        if user is None and not details:
            raise ValidationError(_("กรุณาเลือกผู้ใช้ หรือกรอกอีเมลเพื่อเชิญบุคคลภายนอก"))
        extra = {"organisation": affiliation, **(details or {})}
        person = add_person(province, by=by, user=user, home_district=home_district, **extra)
    changed = []
    if affiliation and not person.organisation:
        person.organisation = affiliation
        changed.append("organisation")
    if home_district is not None and not person.home_district_id:
        person.home_district = home_district
        changed.append("home_district")
    if changed:
        person.save(update_fields=changed)
    user = person.user
    existing = CommitteeMember.objects.filter(committee=committee, person=person).first()
    if existing is not None and existing.removed_at is None:
        raise ValidationError(_("%(u)s เป็นกรรมการในคณะนี้อยู่แล้ว") % {"u": person})
    if role == CommitteeRole.CHAIR and committee.members.active().filter(role=CommitteeRole.CHAIR).exists():
        raise ValidationError(_("คณะกรรมการนี้มีประธานแล้ว"))
    if existing is not None:  # seated again after being removed: the same seat, with its scorecards
        existing.removed_at, existing.removed_by, existing.role = None, None, role
        existing.save(update_fields=["removed_at", "removed_by", "role"])
        seat = existing
    else:
        seat = CommitteeMember.objects.create(
            committee=committee, person=person, user=user, role=role, order=order
        )
    if user is not None:
        _ensure_role(user, committee, role, by)
    audit(
        by,
        "committee.member_added",
        committee,
        after={
            "person": person.pk,
            "name": person.full_name,
            "user": user.email if user else None,
            "role": role,
            "organisation": person.organisation,
        },
    )
    return seat


@transaction.atomic
def remove_member(seat, *, by):
    """Take a member off the committee. Without scorecards the seat goes; with scorecards the seat stays,
    marked removed, so that their scores are kept on record (marked, no longer counted in the round's picture)."""
    scored = Scorecard.objects.filter(seat=seat).count()
    before = {
        "person": seat.person_id,
        "name": seat.person.full_name,
        "role": seat.role,
        "scorecards": scored,
    }
    if scored:
        seat.removed_at, seat.removed_by = timezone.now(), by
        seat.save(update_fields=["removed_at", "removed_by"])
        audit(by, "committee.member_removed", seat.committee, before=before, after={"scores_kept": scored})
    else:
        audit(by, "committee.member_removed", seat.committee, before=before)
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


def seat_of(entry, user):
    """The user's current seat in the committee of the entry's round, or None."""
    return (
        CommitteeMember.objects.active()
        .filter(committee_id=entry.round.committee_id, user_id=user.pk)
        .select_related("person")
        .first()
    )


def scorecard_for(entry, member):
    """The member's scorecard of the entry (unsaved draft when none yet). `member`: a user or a seat."""
    seat = member if isinstance(member, CommitteeMember) else seat_of(entry, member)
    card = Scorecard.objects.filter(entry=entry, seat=seat).first() if seat else None
    if card is None:
        sset = scoring.standard_set_for(entry.enrolment)
        card = Scorecard(entry=entry, seat=seat, member=seat and seat.user, standard_set=sset)
    return card


@transaction.atomic
def save_scorecard(entry, member, *, values, comments=None, comment="", submit=False, by=None):
    """Save a signed-in member's scores (draft) or submit them. values: {indicator_id: Decimal or None}."""
    seat = seat_of(entry, member)
    if seat is None or not RoundEntry.objects.scorable_by(member).filter(pk=entry.pk).exists():
        raise ValidationError(_("ท่านไม่มีสิทธิ์ให้คะแนนหน่วยนับนี้ (ขัดกันแห่งผลประโยชน์หรือไม่ใช่กรรมการของรอบนี้)"))
    return save_seat_scorecard(
        entry, seat, values=values, comments=comments, comment=comment, submit=submit, by=by or member
    )


@transaction.atomic
def save_seat_scorecard(
    entry, seat, *, values, comments=None, comment="", submit=False, by=None, recorded_by=None, via_link=False
):
    """Save or submit the scorecard of a seat, whether its person has an account or not. `recorded_by`: the
    secretary or staff who typed the scores in from the member's signed paper sheet (audited "recorded by X on
    behalf of Y"); `via_link`: the member sent it through their one-time scoring link. Conflicts computed from
    data (RoundEntry.scorable_for_seat) are refused here, whoever types."""
    if not RoundEntry.objects.scorable_for_seat(seat).filter(pk=entry.pk).exists():
        raise ValidationError(_("กรรมการท่านนี้ให้คะแนนหน่วยนับนี้ไม่ได้ (ขัดกันแห่งผลประโยชน์หรือไม่ใช่กรรมการของรอบนี้)"))
    if entry.decision:
        raise ValidationError(_("คณะกรรมการตัดสินผลหน่วยนับนี้แล้ว ให้คะแนนเพิ่มไม่ได้"))
    sset = scoring.standard_set_for(entry.enrolment)
    if sset is None:
        raise ValidationError(_("ยังไม่มีชุดมาตรฐานที่ใช้งานสำหรับประเภทและปีของหน่วยนับนี้"))
    card = Scorecard.objects.select_for_update().filter(entry=entry, seat=seat).first()
    if card is not None and card.status == ScorecardStatus.SUBMITTED:
        raise ValidationError(_("ส่งใบให้คะแนนของหน่วยนับนี้แล้ว ส่งซ้ำหรือแก้ไขไม่ได้"))
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
                card = Scorecard.objects.create(entry=entry, seat=seat, member=seat.user, standard_set=sset)
        except IntegrityError:
            raise ValidationError(_("มีผู้อื่นบันทึกใบให้คะแนนนี้พร้อมกัน กรุณาโหลดหน้าใหม่")) from None
    # The card's scores in three statements whatever their number (read, insert the new, update the changed);
    # the card row is locked above, or was created just now under its unique key.
    existing = {score.indicator_id: score for score in Score.objects.filter(scorecard=card)}
    new, changed = [], []
    for ind in indicators:
        value, note = values.get(ind.pk), comments.get(ind.pk, "")
        score = existing.get(ind.pk)
        if score is None:
            new.append(Score(scorecard=card, indicator=ind, value=value, comment=note))
        elif (score.value, score.comment) != (value, note):
            score.value, score.comment = value, note
            changed.append(score)
    Score.objects.bulk_create(new)
    Score.objects.bulk_update(changed, ["value", "comment"])
    card.comment = comment
    card.percent = scoring.percent(indicators, values)
    card.recorded_by = recorded_by
    card.via_link = via_link
    card.save(update_fields=["comment", "percent", "recorded_by", "via_link", "updated_at"])
    if submit:
        # Conditional update: of two tabs submitting at once only one wins.
        n = Scorecard.objects.filter(pk=card.pk, status=ScorecardStatus.DRAFT).update(
            status=ScorecardStatus.SUBMITTED, submitted_at=timezone.now()
        )
        if n != 1:
            raise ValidationError(_("ส่งใบให้คะแนนของหน่วยนับนี้แล้ว ส่งซ้ำหรือแก้ไขไม่ได้"))
        card.refresh_from_db()
    after = {"percent": card.percent, "seat": seat.pk, "member": seat.person.full_name}
    if recorded_by is not None:
        after.update(
            recorded_by=str(recorded_by),
            on_behalf_of=seat.person.full_name,
            source=_("ใบให้คะแนนกระดาษที่ลงนามแล้ว"),
        )
    if via_link:
        after["via"] = "link"
    action = "scorecard.submitted" if submit else "scorecard.saved"
    if recorded_by is not None:
        action += "_on_behalf"
    audit(recorded_by or by or seat.user, action, card, after=after)
    return card


@transaction.atomic
def declare_conflict(entry, member, *, reason):
    """A signed-in member declares a conflict of interest with a unit they were to score (declare_seat_conflict)."""
    seat = seat_of(entry, member)
    if seat is None or not RoundEntry.objects.scorable_by(member).filter(pk=entry.pk).exists():
        raise ValidationError(_("หน่วยนับนี้ไม่อยู่ในรายการที่ท่านให้คะแนน"))
    return declare_seat_conflict(entry, seat, reason=reason, by=member)


@transaction.atomic
def declare_seat_conflict(entry, seat, *, reason, by=None, recorded_by=None):
    """A member — signed in, or through their one-time scoring link — declares a conflict of interest with a unit
    they were to score, with the reason (issue 18 item 6): the unit leaves their scorecards (scorable_by,
    scorable_for_seat) and they count as excluded. A draft scorecard goes with it; a submitted one stays, and
    the declaration is refused (the committee's secretary deals with it). `recorded_by`: the secretary or staff
    who records, on the member's behalf, a conflict the member declared on their signed paper sheet (audited
    "recorded by X on behalf of Y")."""
    reason = (reason or "").strip()
    if not reason:
        if recorded_by is not None:
            raise ValidationError(_("กรุณาระบุเหตุผลที่กรรมการแจ้งไว้ในใบให้คะแนน"))
        raise ValidationError(_("กรุณาระบุเหตุผลที่ท่านมีส่วนได้เสียกับหน่วยนับนี้"))
    entry = RoundEntry.objects.select_for_update().get(pk=entry.pk)
    if not RoundEntry.objects.scorable_for_seat(seat).filter(pk=entry.pk).exists():
        raise ValidationError(_("หน่วยนับนี้ไม่อยู่ในรายการที่ท่านให้คะแนน"))
    if entry.decision:
        raise ValidationError(_("คณะกรรมการตัดสินผลหน่วยนับนี้แล้ว จึงแจ้งส่วนได้เสียไม่ได้"))
    card = Scorecard.objects.filter(entry=entry, seat=seat).first()
    if card is not None and card.status == ScorecardStatus.SUBMITTED:
        if recorded_by is not None:
            raise ValidationError(
                _("ใบให้คะแนนของกรรมการท่านนี้สำหรับหน่วยนับนี้ส่งแล้ว จึงบันทึกส่วนได้เสียไม่ได้ ให้คณะกรรมการพิจารณาในที่ประชุม")
            )
        raise ValidationError(_("ท่านส่งใบให้คะแนนหน่วยนับนี้แล้ว จึงแจ้งส่วนได้เสียในระบบไม่ได้ กรุณาแจ้งเลขานุการคณะกรรมการ"))
    if card is not None:
        card.delete()
    declaration = ConflictDeclaration.objects.create(entry=entry, seat=seat, member=seat.user, reason=reason)
    after = {
        "member": seat.user_id,
        "seat": seat.pk,
        "name": seat.person.full_name,
        "draft_removed": card is not None,
    }
    action = "scorecard.conflict_declared"
    if recorded_by is not None:
        after.update(
            recorded_by=str(recorded_by),
            on_behalf_of=seat.person.full_name,
            source=_("ใบให้คะแนนกระดาษที่ลงนามแล้ว"),
        )
        action += "_on_behalf"
    audit(recorded_by or by or seat.user, action, entry, after=after, reason=reason)
    return declaration
