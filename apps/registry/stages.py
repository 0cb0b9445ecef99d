"""Stage moves of an enrolment: one service function per transition (validate, write, audit).
Nothing else writes Enrolment.stage."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit

from .enums import Outcome, Stage
from .models import Enrolment


def _locked(enrolment):
    return Enrolment.objects.select_for_update().select_related("unit", "year").get(pk=enrolment.pk)


def _require(e, expected, target):
    if e.outcome != Outcome.IN_PROGRESS:
        raise ValidationError(
            _("ย้ายขั้นตอนไม่ได้ เพราะหน่วยนับนี้มีผลของปีแล้ว (%(o)s)") % {"o": e.get_outcome_display()}
        )
    if e.stage != expected:
        raise ValidationError(
            _("ย้ายไป%(to)sไม่ได้ เพราะขณะนี้หน่วยนับอยู่ใน%(now)s (ต้องอยู่ใน%(need)sก่อน)")
            % {"to": Stage(target).label, "now": Stage(e.stage).label, "need": Stage(expected).label}
        )


def _move(e, to, *, by, reason="", enrolment=None):
    before = {"stage": e.stage}
    e.stage = to
    e.stage_changed_at = timezone.now()
    e.save(update_fields=["stage", "stage_changed_at"])
    audit(by, "enrolment.stage_moved", e, before=before, after={"stage": to}, reason=reason)
    if enrolment is not None:  # keep the caller's instance in step
        enrolment.stage, enrolment.stage_changed_at = e.stage, e.stage_changed_at
    return e


@transaction.atomic
def enter_reinforcement(enrolment, *, by, reason=""):
    """Stage 2 → 3: recruitment has closed for this unit."""
    e = _locked(enrolment)
    _require(e, Stage.RECRUITMENT, Stage.REINFORCEMENT)
    return _move(e, Stage.REINFORCEMENT, by=by, reason=reason or _("ปิดรับสมัคร"), enrolment=enrolment)


@transaction.atomic
def close_recruitment(year, district_id, *, by):
    """Stage 2 → 3 for every unit of a district still in recruitment in `year`. Returns how many moved."""
    moved = 0
    for e in Enrolment.objects.select_for_update().filter(
        year=year, unit__district_id=district_id, stage=Stage.RECRUITMENT, outcome=Outcome.IN_PROGRESS
    ):
        _move(e, Stage.REINFORCEMENT, by=by, reason=_("ปิดรับสมัครของอำเภอ"))
        moved += 1
    return moved


@transaction.atomic
def advance(enrolment, expected, target, *, by, reason, check=None):
    """One step forward from `expected` to `target`. `check(locked_enrolment)` is the condition of the app that
    knows it (the development app: a submitted plan, a self-assessment) and refuses with a ValidationError."""
    e = _locked(enrolment)
    _require(e, expected, target)
    if check is not None:
        check(e)
    return _move(e, target, by=by, reason=reason, enrolment=enrolment)


@transaction.atomic
def move_back(enrolment, to_stage, *, by, reason):
    """Return an enrolment to an earlier stage, with a reason (always required)."""
    e = _locked(enrolment)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("กรุณาระบุเหตุผลที่ย้อนขั้นตอน"))
    if e.outcome != Outcome.IN_PROGRESS:
        raise ValidationError(
            _("ย้อนขั้นตอนไม่ได้ เพราะหน่วยนับนี้มีผลของปีแล้ว (%(o)s)") % {"o": e.get_outcome_display()}
        )
    to_stage = int(to_stage)
    if to_stage not in Stage.values or not Stage.RECRUITMENT <= to_stage < e.stage:
        raise ValidationError(
            _("ย้อนไป%(to)sไม่ได้ ขณะนี้หน่วยนับอยู่ใน%(now)s")
            % {
                "to": Stage(to_stage).label if to_stage in Stage.values else to_stage,
                "now": Stage(e.stage).label,
            }
        )
    return _move(e, to_stage, by=by, reason=reason, enrolment=enrolment)
