"""Supervision visits and learning events (ติดตามนิเทศ, guideline 2.6)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit
from apps.core.thaidates import fiscal_year_bounds
from apps.registry.enums import Outcome, Stage

from ..models import Visit
from .media import save_photos

VISIT_FIELDS = ["kind", "visited_on", "visitors", "learned", "advice", "next_step"]


def visit_errors(enrolment, data):
    errors = []
    d = data.get("visited_on")
    start, end = fiscal_year_bounds(enrolment.year.fiscal_year)
    if d and not start <= d <= end:
        errors.append(_("วันที่ต้องอยู่ในปีงบประมาณ %(fy)s") % {"fy": enrolment.year.fiscal_year})
    if d and d > timezone.localdate():
        errors.append(_("บันทึกได้เฉพาะการติดตามที่เกิดขึ้นแล้ว วันที่ต้องไม่เกินวันนี้"))
    if enrolment.stage < Stage.REINFORCEMENT:
        errors.append(_("หน่วยนับยังอยู่ในขั้นรับสมัคร ยังไม่เริ่มการติดตามนิเทศ"))
    return errors


@transaction.atomic
def record_visit(enrolment, data, *, photos=(), by, visit=None, client_id=None):
    errors = visit_errors(enrolment, data)
    if errors:
        raise ValidationError(errors)
    stage = Stage.SELF_DEVELOPMENT if enrolment.stage >= Stage.SELF_DEVELOPMENT else Stage.REINFORCEMENT
    saved = save_photos(
        photos,
        enrolment=enrolment,
        stage=stage,
        caption=_("ติดตามนิเทศ %(u)s") % {"u": enrolment.unit.name},
        taken_on=data["visited_on"],
        by=by,
    )
    before = None
    if visit is None:
        visit = Visit(enrolment=enrolment, created_by=by, client_id=client_id)
    else:
        visit = Visit.objects.get(pk=visit.pk, enrolment=enrolment)  # the form may have changed the instance
        before = {f: getattr(visit, f) for f in VISIT_FIELDS}
    for f in VISIT_FIELDS:
        setattr(visit, f, data.get(f) or ("" if f not in ("visited_on",) else None))
    visit.save()
    if saved:
        visit.photos.add(*saved)
    audit(
        by,
        "visit.saved",
        enrolment,
        before=before,
        after={**{f: getattr(visit, f) for f in VISIT_FIELDS}, "photos": len(saved)},
    )
    return visit


@transaction.atomic
def remove_visit(visit, *, by):
    """Delete a visit recorded by mistake (a wrong unit, a duplicate) while the unit's year is under way; once the
    year has its outcome the record is history. The audit log keeps what it said; its photos stay in the unit's
    photos (they are the stage's evidence too)."""
    enrolment = visit.enrolment
    if enrolment.outcome != Outcome.IN_PROGRESS:
        raise ValidationError(_("หน่วยนับนี้มีผลของปีแล้ว บันทึกการติดตามเป็นประวัติ จึงลบไม่ได้"))
    audit(
        by,
        "visit.removed",
        enrolment,
        before={**{f: getattr(visit, f) for f in VISIT_FIELDS}, "photos": visit.photos.count()},
    )
    visit.delete()
