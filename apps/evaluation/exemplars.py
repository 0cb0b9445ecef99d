"""ต้นแบบอำเภอ (guideline 2.8): nomination, uploaded presentation, generated PowerPoint."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.audit import audit
from apps.core.forms import validate_upload
from apps.registry.enums import Outcome

from .models import Exemplar


@transaction.atomic
def nominate(year, district, enrolment, *, by, reason=""):
    """The district's one exemplar of the year; nominating again replaces the unit (audited)."""
    if enrolment.year_id != year.pk or enrolment.unit.district_id != district.code:
        raise ValidationError(_("หน่วยนับต้นแบบต้องเป็นหน่วยนับของอำเภอนี้ในปีงบประมาณนี้"))
    if enrolment.outcome == Outcome.WITHDRAWN:
        raise ValidationError(_("หน่วยนับนี้ถอนตัวแล้ว เสนอเป็นต้นแบบไม่ได้"))
    ex = Exemplar.objects.select_for_update().filter(year=year, district=district).first()
    before = None
    if ex is None:
        ex = Exemplar.objects.create(
            year=year, district=district, enrolment=enrolment, reason=reason, nominated_by=by
        )
    else:
        before = {"enrolment": ex.enrolment_id}
        ex.enrolment, ex.reason, ex.nominated_by = enrolment, reason, by
        ex.save(update_fields=["enrolment", "reason", "nominated_by", "nominated_at"])
    audit(by, "exemplar.nominated", ex, before=before, after={"enrolment": enrolment.pk, "reason": reason})
    return ex


@transaction.atomic
def upload_presentation(exemplar, f, *, by):
    validate_upload(f, "presentation")
    exemplar.presentation = f
    exemplar.save(update_fields=["presentation", "nominated_at"])
    audit(by, "exemplar.uploaded", exemplar, after={"file": exemplar.presentation.name})
    return exemplar


@transaction.atomic
def request_pptx(exemplar, *, by):
    """Queue the PowerPoint built from the unit's data and photos; returns its GeneratedFile."""
    from apps.core.generated import request_file

    from .builders import EXEMPLAR_KIND

    gf = request_file(
        exemplar,
        kind=EXEMPLAR_KIND,
        by=by,
        ttl=None,
        title=_("ต้นแบบอำเภอ%(d)s ปี %(fy)s")
        % {"d": exemplar.district.name_th, "fy": exemplar.year.fiscal_year},
    )
    exemplar.generated = gf
    exemplar.save(update_fields=["generated"])
    audit(by, "exemplar.pptx_requested", exemplar, after={"generated": gf.pk})
    return gf
