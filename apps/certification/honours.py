"""Honours (guideline 2.12: "จังหวัดและอำเภอเชิดชูเกียรติ … มอบเกียรติบัตร ใบรับรอง เข็ม โล่"): who may give which
kind, who may receive it, recording, correcting and removing one (each with its reason, audited), and the
ceremonies that group them and print their เกียรติบัตร."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit, snapshot
from apps.core.forms import validate_upload
from apps.core.thaidates import format_date
from apps.evaluation.models import Exemplar

from .models import Certificate, Honour, HonourKind

FIELDS = ["unit", "year", "kind", "title", "giver_level", "given_by", "given_on", "ceremony"]
SIGNATURE_MAX_BYTES = 2 * 1024 * 1024
SIGNATURE_MAX_SIDE = 4000


def _kind(kind):
    if isinstance(kind, HonourKind):
        return kind
    found = HonourKind.objects.filter(code=kind).first()
    if found is None:
        raise ValidationError(_("ไม่รู้จักประเภทการเชิดชูเกียรตินี้"))
    return found


def check_eligible(*, unit, year, kind, giver_level):
    """Refuse, with the reason in Thai, what guideline 2.12 and the kind's own rules do not allow."""
    if unit.district.province_id != year.province_id:
        raise ValidationError(_("หน่วยนับนี้ไม่อยู่ในจังหวัดของปีงบประมาณที่เลือก"))
    if not kind.given_by(giver_level):
        who = _("จังหวัด") if giver_level == Honour.Giver.PROVINCE else _("อำเภอ")
        raise ValidationError(
            _("%(who)sมอบ “%(kind)s” ไม่ได้ตามประเภทที่กำหนดไว้") % {"who": who, "kind": kind.name}
        )
    if kind.requires_certified and not valid_certificate(unit, year).exists():
        raise ValidationError(
            _("“%(u)s” ไม่ได้ผ่านการรับรองในปีงบประมาณ %(fy)s หรือใบรับรองถูกเพิกถอนแล้ว จึงรับ “%(kind)s” ไม่ได้")
            % {"u": unit.name, "fy": year.fiscal_year, "kind": kind.name}
        )
    if kind.exemplar_only and not Exemplar.objects.filter(year=year, enrolment__unit=unit).exists():
        raise ValidationError(
            _("“%(kind)s” มอบได้เฉพาะต้นแบบอำเภอของปีงบประมาณ %(fy)s")
            % {"kind": kind.name, "fy": year.fiscal_year}
        )


def valid_certificate(unit, year):
    return Certificate.objects.filter(enrolment__unit=unit, enrolment__year=year, revoked_at__isnull=True)


def with_flags(qs):
    """Honours annotated with `has_valid_certificate` (of the unit, in the honour's year): False when it was
    revoked after the honour was given — flagged on the staff list, left off public pages and the print."""
    valid = Certificate.objects.filter(
        enrolment__unit=OuterRef("unit_id"), enrolment__year=OuterRef("year_id"), revoked_at__isnull=True
    )
    return qs.annotate(has_valid_certificate=Exists(valid))


def _clean(title, given_by, given_on):
    title, given_by = (title or "").strip(), (given_by or "").strip()
    if not title or not given_by:
        raise ValidationError(_("กรุณากรอกชื่อรางวัลและผู้มอบ"))
    if given_on > timezone.localdate() + dt.timedelta(days=366):
        raise ValidationError(_("วันที่มอบไกลเกินไป กรุณาตรวจสอบปี พ.ศ."))
    return title, given_by


def _check_ceremony(ceremony, year, given_on):
    if ceremony is None:
        return
    if ceremony.year_id != year.pk:
        raise ValidationError(_("พิธีมอบที่เลือกเป็นของปีงบประมาณอื่น"))
    if ceremony.held_on != given_on:
        raise ValidationError(_("วันที่มอบต้องเป็นวันจัดพิธี (%(d)s)") % {"d": format_date(ceremony.held_on)})


def record_honour(*, unit, year, by, kind, title, giver_level, given_by, given_on, note="", ceremony=None):
    """Record an honour given to a unit by the province or a district (DESIGN §7, guideline 2.12)."""
    kind = _kind(kind)
    check_eligible(unit=unit, year=year, kind=kind, giver_level=giver_level)
    title, given_by = _clean(title, given_by, given_on)
    _check_ceremony(ceremony, year, given_on)
    with transaction.atomic():
        honour = Honour.objects.create(
            unit=unit,
            year=year,
            kind=kind,
            title=title,
            giver_level=giver_level,
            given_by=given_by,
            given_on=given_on,
            note=note,
            ceremony=ceremony,
            recorded_by=by,
        )
        audit(by, "honour.recorded", honour, after=snapshot(honour, FIELDS))
    return honour


def edit_honour(honour, *, by, reason, kind, title, giver_level, given_by, given_on, note="", ceremony=None):
    """Correct a recorded honour: the same rules as recording it, and a reason kept in the audit trail."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("กรุณาระบุเหตุผลการแก้ไข"))
    kind = _kind(kind)
    check_eligible(unit=honour.unit, year=honour.year, kind=kind, giver_level=giver_level)
    title, given_by = _clean(title, given_by, given_on)
    _check_ceremony(ceremony, honour.year, given_on)
    with transaction.atomic():
        before = snapshot(honour, FIELDS)
        honour.kind, honour.title, honour.giver_level = kind, title, giver_level
        honour.given_by, honour.given_on, honour.note, honour.ceremony = given_by, given_on, note, ceremony
        honour.save()
        audit(by, "honour.edited", honour, before=before, after=snapshot(honour, FIELDS), reason=reason)
    return honour


def remove_honour(honour, *, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("กรุณาระบุเหตุผลการลบรายการ"))
    with transaction.atomic():
        audit(by, "honour.removed", honour, before=snapshot(honour, FIELDS), reason=reason)
        honour.delete()


# --- ceremonies ---------------------------------------------------------------------------------------


def validate_signature(f):
    """A signature or emblem image: a real PNG/JPEG, at most 2 MB and 4000 px a side (it is drawn on every page)."""
    validate_upload(f, "image")
    if f.size > min(SIGNATURE_MAX_BYTES, settings.MAX_UPLOAD_SIZE):
        raise ValidationError(
            _("ไฟล์ภาพลายมือชื่อ/ตราใหญ่เกินไป (%(size).1f MB) ขนาดสูงสุด 2 MB") % {"size": f.size / 1024 / 1024}
        )
    from PIL import Image

    pos = f.tell()
    with Image.open(f) as img:
        w, h = img.size
    f.seek(pos)
    if max(w, h) > SIGNATURE_MAX_SIDE:
        raise ValidationError(
            _("ภาพใหญ่เกินไป (%(w)s×%(h)s พิกเซล) ด้านยาวไม่เกิน %(max)s พิกเซล")
            % {"w": w, "h": h, "max": SIGNATURE_MAX_SIDE}
        )
    return f


@transaction.atomic
def save_ceremony(ceremony, *, by, signature=None, emblem=None):
    """Create or update a ceremony; images replace the old ones only when given. A ceremony's date moves its
    honours' date with it (the day they were handed out)."""
    for f in (signature, emblem):
        if f is not None:
            validate_signature(f)
    if ceremony.district_id and ceremony.district.province_id != ceremony.year.province_id:
        raise ValidationError(_("อำเภอที่เลือกไม่อยู่ในจังหวัดของปีงบประมาณนี้"))
    created = ceremony.pk is None
    if signature is not None:
        ceremony.signature = signature
    if emblem is not None:
        ceremony.emblem = emblem
    if created:
        ceremony.created_by = by
    ceremony.save()
    ceremony.honours.exclude(given_on=ceremony.held_on).update(given_on=ceremony.held_on)
    fields = ["year", "district", "title", "held_on", "place", "presiding", "signer_name", "signer_position"]
    audit(
        by, "ceremony.created" if created else "ceremony.edited", ceremony, after=snapshot(ceremony, fields)
    )
    return ceremony


def prints(honour):
    """An honour (annotated by with_flags) prints as a เกียรติบัตร: a printable kind whose certificate still stands
    when the kind needs one."""
    return honour.kind.printable and (honour.has_valid_certificate or not honour.kind.requires_certified)


def printable_honours(ceremony):
    """The honours of the ceremony that print as a เกียรติบัตร, in the order they are called on stage (district,
    then unit name)."""
    honours = (
        with_flags(ceremony.honours.filter(kind__printable=True))
        .select_related("unit__district", "kind", "year")
        .order_by("unit__district_id", "unit__name", "pk")
    )
    return [h for h in honours if prints(h)]
