"""Transitions of programme years. Every write goes through here: validate, write, audit."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.core.audit import audit
from apps.core.thaidates import fiscal_year_bounds, format_date

from .enums import (
    DEADLINE_STAGE,
    DEFAULT_STAGE_CALENDAR,
    GUIDELINE_DEADLINES,
    GUIDELINE_SUBTYPES,
    DeadlineKind,
    Stage,
    TargetType,
)
from .models import Deadline, DistrictTarget, ProgrammeYear, StagePeriod, SubType


def _in_year(fy, month, day):
    """The date (month, day) inside fiscal year `fy` (B.E.): Oct–Dec belong to the previous C.E. year."""
    start, end = fiscal_year_bounds(fy)
    year = start.year if month >= 10 else end.year
    if month == 2 and day == 29:
        day = 28
    return dt.date(year, month, day)


def _shift(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year + years, day=28)


def calendar_errors(fiscal_year, periods, deadlines):
    """Thai messages for an inconsistent calendar. periods: {stage: (start, end)}, deadlines: {kind: date}."""
    errors = []
    start, end = fiscal_year_bounds(fiscal_year)
    prev_end = None
    for stage in Stage:
        if stage.value not in periods:
            errors.append(_("ยังไม่ได้กำหนดช่วงเวลาของ%(stage)s") % {"stage": stage.label})
            continue
        s, e = periods[stage.value]
        if s > e:
            errors.append(_("%(stage)s: วันเริ่มอยู่หลังวันสิ้นสุด") % {"stage": stage.label})
        if s < start or e > end:
            errors.append(
                _("%(stage)s ต้องอยู่ในปีงบประมาณ %(fy)s (%(start)s – %(end)s)")
                % {
                    "stage": stage.label,
                    "fy": fiscal_year,
                    "start": format_date(start),
                    "end": format_date(end),
                }
            )
        if prev_end and s <= prev_end:
            errors.append(_("%(stage)s ต้องเริ่มหลังขั้นตอนก่อนหน้าสิ้นสุด") % {"stage": stage.label})
        prev_end = e
    for kind, due in deadlines.items():
        stage = DEADLINE_STAGE[DeadlineKind(kind)]
        label = DeadlineKind(kind).label
        if due < start or due > end:
            errors.append(_("กำหนดส่ง%(what)s ต้องอยู่ในปีงบประมาณ %(fy)s") % {"what": label, "fy": fiscal_year})
        elif stage.value in periods and due > periods[stage.value][1]:
            errors.append(
                _("กำหนดส่ง%(what)s (%(due)s) อยู่หลังวันสิ้นสุด%(stage)s (%(end)s)")
                % {
                    "what": label,
                    "due": format_date(due),
                    "stage": stage.label,
                    "end": format_date(periods[stage.value][1]),
                }
            )
    return errors


def default_calendar(fiscal_year):
    periods = {
        stage.value: (_in_year(fiscal_year, *s), _in_year(fiscal_year, *e))
        for stage, (s, e) in DEFAULT_STAGE_CALENDAR.items()
    }
    deadlines = {kind.value: _in_year(fiscal_year, *md) for kind, md in GUIDELINE_DEADLINES.items()}
    return periods, deadlines


@transaction.atomic
def open_programme_year(province, fiscal_year, *, by, copy_from=None):
    """Open a fiscal year for a province: calendar, deadlines, sub-types, targets (≥1 per type and district)
    and zones — copied from `copy_from` shifted to the new year, or from the guideline's defaults."""
    if ProgrammeYear.objects.filter(province=province, fiscal_year=fiscal_year).exists():
        raise ValidationError(_("ปีงบประมาณ %(fy)s ของจังหวัดนี้เปิดไว้แล้ว") % {"fy": fiscal_year})
    if not 2500 <= fiscal_year <= 2700:
        raise ValidationError(_("กรุณาระบุปีงบประมาณเป็น พ.ศ. เช่น 2570"))
    year = ProgrammeYear(province=province, fiscal_year=fiscal_year, created_by=by, copied_from=copy_from)
    if copy_from:
        for f in (
            "level_district",
            "level_zone",
            "level_subcommittee",
            "level_committee",
            "certificate_pattern",
        ):
            setattr(year, f, getattr(copy_from, f))
    try:
        with transaction.atomic():
            year.save()
    except IntegrityError:
        raise ValidationError(_("ปีงบประมาณ %(fy)s ของจังหวัดนี้เปิดไว้แล้ว") % {"fy": fiscal_year}) from None

    if copy_from:
        shift = fiscal_year - copy_from.fiscal_year
        periods = {
            p.stage: (_shift(p.starts_on, shift), _shift(p.ends_on, shift))
            for p in copy_from.stage_periods.all()
        }
        deadlines = {d.kind: _shift(d.due_on, shift) for d in copy_from.deadlines.all()}
        subtypes = [(s.target_type, s.name, s.order, s.is_active) for s in copy_from.sub_types.all()]
        targets = {(t.district_id, t.target_type): t.target for t in copy_from.targets.all()}
    else:
        periods, deadlines = default_calendar(fiscal_year)
        subtypes = [
            (tt, name, i, True) for tt, names in GUIDELINE_SUBTYPES.items() for i, name in enumerate(names)
        ]
        targets = {}
    StagePeriod.objects.bulk_create(
        [StagePeriod(year=year, stage=s, starts_on=a, ends_on=b) for s, (a, b) in periods.items()]
    )
    Deadline.objects.bulk_create([Deadline(year=year, kind=k, due_on=d) for k, d in deadlines.items()])
    SubType.objects.bulk_create(
        [SubType(year=year, target_type=tt, name=n, order=o, is_active=a) for tt, n, o, a in subtypes]
    )
    DistrictTarget.objects.bulk_create(
        [
            DistrictTarget(year=year, district=d, target_type=tt, target=targets.get((d.code, tt), 1))
            for d in province.districts.all()
            for tt in TargetType.values
        ]
    )
    if copy_from:
        from apps.geo.services import copy_zones

        copy_zones(province, copy_from.fiscal_year, fiscal_year, by=by)
    audit(
        by,
        "programme_year.opened",
        year,
        after={"fiscal_year": fiscal_year, "copied_from": copy_from.fiscal_year if copy_from else None},
    )
    from .signals import year_opened

    year_opened.send(sender=ProgrammeYear, year=year, copy_from=copy_from, by=by)
    return year


@transaction.atomic
def update_calendar(year, *, periods, deadlines, by):
    """Replace the stage calendar and deadlines after checking that they agree with each other."""
    errors = calendar_errors(year.fiscal_year, periods, deadlines)
    if errors:
        raise ValidationError(errors)
    before = {
        "periods": {p.stage: [p.starts_on, p.ends_on] for p in year.stage_periods.all()},
        "deadlines": {d.kind: d.due_on for d in year.deadlines.all()},
    }
    for stage, (s, e) in periods.items():
        StagePeriod.objects.update_or_create(year=year, stage=stage, defaults={"starts_on": s, "ends_on": e})
    for kind, due in deadlines.items():
        Deadline.objects.update_or_create(year=year, kind=kind, defaults={"due_on": due})
    audit(
        by,
        "programme_year.calendar_changed",
        year,
        before=before,
        after={"periods": {k: list(v) for k, v in periods.items()}, "deadlines": deadlines},
    )
    from .signals import deadlines_changed

    deadlines_changed.send(sender=ProgrammeYear, year=year, by=by)


@transaction.atomic
def set_targets(year, district, values, *, by, confirm=False):
    """values: {target_type: int ≥ 1}. The district proposes; the province confirms (guideline 1.2)."""
    bad = [str(TargetType(tt).label) for tt, v in values.items() if v is None or v < 1]
    if bad:
        raise ValidationError(
            _("เป้าหมายต้องมีอย่างน้อยประเภทละ 1 หน่วยนับ (แนวทางข้อ 1.2): %(types)s") % {"types": ", ".join(bad)}
        )
    before, after = {}, {}
    for tt, v in values.items():
        t, _created = DistrictTarget.objects.get_or_create(year=year, district=district, target_type=tt)
        before[tt] = t.target
        t.target = v
        t.confirmed = confirm or (t.confirmed and before[tt] == v)
        t.save(update_fields=["target", "confirmed"])
        after[tt] = v
    audit(
        by,
        "targets.confirmed" if confirm else "targets.proposed",
        year,
        before=before,
        after={"district": district.code, **after},
    )


# --- enrolment (stage 2) and carry-over (guideline 1.4) ---------------------------------------------


def district_officers(district_code):
    """Users who may be the mentor (พัฒนากรผู้รับผิดชอบ) of a unit of this district (DESIGN §7)."""
    from apps.accounts.enums import Role
    from apps.accounts.models import User

    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.DISTRICT_OFFICER,
            role_assignments__district_id=district_code,
        )
        .distinct()
        .order_by("first_name", "email")
    )


def eligibility_warnings(unit, year):
    """What the guideline implies about who may apply, as warnings an officer may confirm: a leader in the
    community at least a year, a group or network active at least a year (counted to the start of the year)."""
    start, _end = fiscal_year_bounds(year.fiscal_year)
    one_year_before = _shift(start, -1)
    out = []
    if unit.target_type == TargetType.LEADER:
        if not unit.active_since:
            out.append(_("ยังไม่ได้ระบุว่าผู้นำอยู่ในชุมชน/ดำรงตำแหน่งตั้งแต่เมื่อใด (ควรไม่น้อยกว่า 1 ปี)"))
        elif unit.active_since > one_year_before:
            out.append(
                _("ผู้นำอยู่ในชุมชน/ดำรงตำแหน่งยังไม่ถึง 1 ปี (ตั้งแต่ %(d)s)") % {"d": format_date(unit.active_since)}
            )
    elif unit.target_type in (TargetType.GROUP, TargetType.NETWORK):
        if not unit.founded_on:
            out.append(_("ยังไม่ได้ระบุวันที่ก่อตั้ง (กลุ่ม/เครือข่ายควรดำเนินการมาแล้วไม่น้อยกว่า 1 ปี)"))
        elif unit.founded_on > one_year_before:
            out.append(_("กลุ่ม/เครือข่ายก่อตั้งยังไม่ถึง 1 ปี (ก่อตั้ง %(d)s)") % {"d": format_date(unit.founded_on)})
    if (
        unit.sub_type
        and not year.sub_types.filter(
            target_type=unit.target_type, name=unit.sub_type, is_active=True
        ).exists()
    ):
        out.append(
            _("ประเภทย่อย “%(s)s” ไม่อยู่ในรายการที่รับสมัครของปี %(fy)s")
            % {"s": unit.sub_type, "fy": year.fiscal_year}
        )
    return out


class EligibilityWarning(ValidationError):
    """The officer must confirm these warnings before the unit is enrolled."""


def _check_mentor(mentor, district_code):
    if mentor is not None and not district_officers(district_code).filter(pk=mentor.pk).exists():
        raise ValidationError(_("ผู้รับผิดชอบต้องเป็นเจ้าหน้าที่ของอำเภอนี้"))


@transaction.atomic
def enrol_unit(unit, year, *, by, mentor=None, confirmed_warnings=False, carried_from=None, today=None):
    """Enrol a unit in a programme year (stage 2, รับสมัคร). Warnings of eligibility need confirmation."""
    from django.utils import timezone

    from .models import Enrolment

    if year.province_id != unit.district.province_id:
        raise ValidationError(_("ปีงบประมาณนี้เป็นของจังหวัดอื่น"))
    if not year.is_open:
        raise ValidationError(_("ปีงบประมาณ %(fy)s ปิดแล้ว รับสมัครไม่ได้") % {"fy": year.fiscal_year})
    if not unit.is_active:
        raise ValidationError(_("หน่วยนับนี้ถูกปิดการใช้งาน"))
    if Enrolment.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            _("%(u)s สมัครเข้าสู่ระบบในปี %(fy)s แล้ว") % {"u": unit.name, "fy": year.fiscal_year}
        )
    _check_mentor(mentor, unit.district_id)
    warnings = [] if carried_from else eligibility_warnings(unit, year)
    if warnings and not confirmed_warnings:
        raise EligibilityWarning(warnings, code="eligibility")
    e = Enrolment(
        unit=unit,
        year=year,
        stage=Stage.RECRUITMENT,
        mentor=mentor,
        created_by=by,
        enrolled_on=today or timezone.localdate(),
        warnings_confirmed=warnings,
        carried_over=carried_from is not None,
        previous=carried_from,
    )
    try:
        with transaction.atomic():
            e.save()
    except IntegrityError:
        raise ValidationError(
            _("%(u)s สมัครเข้าสู่ระบบในปี %(fy)s แล้ว") % {"u": unit.name, "fy": year.fiscal_year}
        ) from None
    audit(
        by,
        "enrolment.carried_over" if carried_from else "enrolment.created",
        e,
        after={
            "unit": unit.pk,
            "year": year.fiscal_year,
            "mentor": mentor and mentor.pk,
            "warnings_confirmed": warnings,
            "previous": carried_from and carried_from.pk,
        },
    )
    return e


def previous_year(year):
    return ProgrammeYear.objects.filter(
        province_id=year.province_id, fiscal_year=year.fiscal_year - 1
    ).first()


def carry_over_candidates(district, year):
    """Last year's enrolments of the district that did not pass or did not ask for evaluation (guideline 1.4)
    and are not yet in `year`."""
    from .enums import CARRY_OVER_OUTCOMES
    from .models import Enrolment

    prev = previous_year(year)
    if prev is None:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(
            year=prev, unit__district=district, outcome__in=CARRY_OVER_OUTCOMES, unit__is_active=True
        )
        .exclude(unit__enrolments__year=year)
        .select_related("unit", "mentor", "year")
        .order_by("unit__target_type", "unit__name")
    )


@transaction.atomic
def carry_over(district, year, units, *, by):
    """Carry over the units the officer confirmed (DESIGN §7: offered, not automatic). Each new enrolment is
    marked carried_over with `previous` = last year's, keeps its mentor and (later) its last plan."""
    offered = {e.unit_id: e for e in carry_over_candidates(district, year)}
    ids = [u.pk if hasattr(u, "pk") else int(u) for u in units]
    not_offered = [i for i in ids if i not in offered]
    if not_offered:
        raise ValidationError(_("มีหน่วยนับที่ไม่อยู่ในรายการต่อเนื่องจากปีก่อน กรุณาเลือกใหม่"))
    if not ids:
        raise ValidationError(_("กรุณาเลือกหน่วยนับที่จะดำเนินการต่อเนื่องอย่างน้อย 1 หน่วย"))
    out = []
    for i in ids:
        prev = offered[i]
        mentor = (
            prev.mentor
            if prev.mentor and district_officers(district.code).filter(pk=prev.mentor.pk).exists()
            else None
        )
        out.append(enrol_unit(prev.unit, year, by=by, mentor=mentor, carried_from=prev))
    return out


@transaction.atomic
def withdraw(enrolment, *, by, reason):
    from .enums import Outcome

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("กรุณาระบุเหตุผลการถอนตัว"))
    if enrolment.outcome != Outcome.IN_PROGRESS:
        raise ValidationError(
            _("ถอนตัวได้เฉพาะหน่วยนับที่อยู่ระหว่างดำเนินการ (ปัจจุบัน: %(o)s)") % {"o": enrolment.get_outcome_display()}
        )
    before = {"outcome": enrolment.outcome}
    enrolment.outcome = Outcome.WITHDRAWN
    enrolment.withdrawn_reason = reason[:255]
    enrolment.save(update_fields=["outcome", "withdrawn_reason"])
    audit(
        by,
        "enrolment.withdrawn",
        enrolment,
        before=before,
        after={"outcome": enrolment.outcome},
        reason=reason,
    )
    return enrolment


@transaction.atomic
def assign_mentor(enrolment, mentor, *, by):
    """Reassign the responsible field officer, e.g. when staff move (DESIGN §7)."""
    _check_mentor(mentor, enrolment.unit.district_id)
    before = {"mentor": enrolment.mentor_id}
    enrolment.mentor = mentor
    enrolment.save(update_fields=["mentor"])
    audit(by, "enrolment.mentor_changed", enrolment, before=before, after={"mentor": mentor and mentor.pk})
    return enrolment
