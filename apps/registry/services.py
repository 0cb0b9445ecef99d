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
                % {"stage": stage.label, "fy": fiscal_year, "start": format_date(start), "end": format_date(end)}
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
                % {"what": label, "due": format_date(due), "stage": stage.label,
                   "end": format_date(periods[stage.value][1])}
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
        for f in ("level_district", "level_zone", "level_subcommittee", "level_committee", "certificate_pattern"):
            setattr(year, f, getattr(copy_from, f))
    try:
        with transaction.atomic():
            year.save()
    except IntegrityError:
        raise ValidationError(_("ปีงบประมาณ %(fy)s ของจังหวัดนี้เปิดไว้แล้ว") % {"fy": fiscal_year}) from None

    if copy_from:
        shift = fiscal_year - copy_from.fiscal_year
        periods = {p.stage: (_shift(p.starts_on, shift), _shift(p.ends_on, shift)) for p in copy_from.stage_periods.all()}
        deadlines = {d.kind: _shift(d.due_on, shift) for d in copy_from.deadlines.all()}
        subtypes = [(s.target_type, s.name, s.order, s.is_active) for s in copy_from.sub_types.all()]
        targets = {(t.district_id, t.target_type): t.target for t in copy_from.targets.all()}
    else:
        periods, deadlines = default_calendar(fiscal_year)
        subtypes = [(tt, name, i, True) for tt, names in GUIDELINE_SUBTYPES.items() for i, name in enumerate(names)]
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
    audit(by, "programme_year.opened", year, after={"fiscal_year": fiscal_year,
                                                    "copied_from": copy_from.fiscal_year if copy_from else None})
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
    audit(by, "programme_year.calendar_changed", year, before=before,
          after={"periods": {k: list(v) for k, v in periods.items()}, "deadlines": deadlines})
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
    audit(by, "targets.confirmed" if confirm else "targets.proposed", year, before=before,
          after={"district": district.code, **after})
