"""ต้นแบบอำเภอ (guideline 2.8): nomination, the learning summary, uploaded presentation, generated PowerPoint."""

import tempfile
import zipfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.audit import audit
from apps.core.forms import validate_upload
from apps.core.privacy import validate_publishable
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
def write_summary(exemplar, *, story, lessons, partners, by):
    """The district's learning summary for the deck (guideline 2.8): its story, lessons and partners. Public
    texts: the one privacy checker blocks personal data with a message quoting it; the draft is kept."""
    unit = exemplar.enrolment.unit
    validate_publishable(
        [(_("เรื่องราวของหน่วยนับ"), story), (_("บทเรียนที่ได้รับ"), lessons), (_("ภาคีการพัฒนา"), partners)],
        unit.public_names,
    )
    before = {"story": exemplar.story, "lessons": exemplar.lessons, "partners": exemplar.partners}
    exemplar.story, exemplar.lessons, exemplar.partners = story, lessons, partners
    exemplar.save(update_fields=["story", "lessons", "partners", "nominated_at"])
    audit(by, "exemplar.summary_written", exemplar, before=before, after={"story": story, "lessons": lessons})
    return exemplar


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


def deck_files(exemplars):
    """[(file name in the zip, FieldFile)] of these exemplars: the district's own upload when there is one, else
    the deck the system built, in district order."""
    out = []
    for ex in exemplars.select_related("district", "generated").order_by("district_id"):
        stem = f"{ex.district_id}-{ex.district.name_th}"
        if ex.presentation:
            out.append((f"{stem}{_suffix(ex.presentation.name)}", ex.presentation))
        elif ex.generated_id and ex.generated.status == "done" and ex.generated.file:
            out.append((f"{stem}.pptx", ex.generated.file))
    return out


def _suffix(name):
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def zip_of(files):
    """A zip of the files spooled to disk (decks are MBs each), rewound for streaming."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as z:
        for name, f in files:
            with f.open("rb") as fh:
                z.writestr(name, fh.read())
    spool.seek(0)
    return spool
