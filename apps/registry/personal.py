"""The registry's part of "everything held about a person" (apps.core.personaldata, issue 19 item 4): the unit
of a leader (or the coordinator named by a group), its consents, photos, enrolments and requests."""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.personaldata import Erased, Holder, Subject

from .enums import Outcome
from .models import Consent, DataRequest, Enrolment, Photo, Unit

PERSONAL_FIELDS = ("title", "first_name", "last_name", "position", "national_id", "phone", "address")
ERASED_NAME = "ข้อมูลถูกลบตามคำขอของเจ้าของข้อมูล"


def subject_of(unit):
    full = f"{unit.first_name} {unit.last_name}".strip() if unit.is_leader else (unit.coordinator or "")
    return Subject(unit_id=unit.pk, full_name=full, national_id=unit.national_id)


def _unit(subject):
    return Unit.objects.filter(pk=subject.unit_id).first() if subject.unit_id else None


def _is_certified(unit):
    return unit.enrolments.filter(outcome=Outcome.CERTIFIED).exists() or unit.certificates.exists()


def find(subject):
    unit = _unit(subject)
    if unit is None:
        return []
    lines = [
        _("ทะเบียนหน่วยนับ: %(name)s (%(type)s)") % {"name": unit.name, "type": unit.get_target_type_display()}
    ]
    held = [str(Unit._meta.get_field(f).verbose_name) for f in PERSONAL_FIELDS if getattr(unit, f)]
    if held:
        lines.append(_("ข้อมูลส่วนบุคคลในทะเบียน: %(f)s") % {"f": ", ".join(held)})
    n = {
        "consents": unit.consents.count(),
        "photos": Photo.objects.filter(unit=unit).count(),
        "enrolments": unit.enrolments.count(),
    }
    lines.append(
        _("ความยินยอม %(consents)s รายการ · ภาพกิจกรรม %(photos)s ภาพ · การเข้าสู่ระบบ %(enrolments)s ปี") % n
    )
    return lines


def export(subject):
    unit = _unit(subject)
    if unit is None:
        return {}
    return {
        "unit": {
            "id": unit.pk,
            "type": unit.target_type,
            "name": unit.name,
            **{f: getattr(unit, f) for f in PERSONAL_FIELDS},
            "district": unit.district_id,
            "subdistrict": unit.subdistrict_id,
            "village": str(unit.village) if unit.village_id else "",
            "active_since": unit.active_since,
            "founded_on": unit.founded_on,
            "coordinator": unit.coordinator,
            "description": unit.description,
            "created_at": unit.created_at,
            "updated_at": unit.updated_at,
        },
        "consents": [
            {
                "purpose": c.purpose,
                "given_by": c.given_by,
                "given_on": c.given_on,
                "channel": c.channel,
                "has_scan": bool(c.scan),
                "withdrawn_on": c.withdrawn_on,
            }
            for c in unit.consents.all()
        ],
        "photos": [
            {"caption": p.caption, "taken_on": p.taken_on, "public": p.is_public, "year": p.year.fiscal_year}
            for p in Photo.objects.filter(unit=unit).select_related("year")
        ],
        "enrolments": [
            {"fiscal_year": e.year.fiscal_year, "stage": e.stage, "outcome": e.outcome}
            for e in Enrolment.objects.filter(unit=unit).select_related("year")
        ],
        "requests": [
            {"kind": r.kind, "received_on": r.received_on, "status": r.status}
            for r in DataRequest.objects.filter(unit=unit)
        ],
    }


@transaction.atomic
def erase(subject, by):
    """Remove what the register need not keep; a certified unit keeps the name its certificates were issued to."""
    unit = _unit(subject)
    if unit is None:
        return None
    certified = _is_certified(unit)
    removed, kept = [], []
    values = {
        "national_id": "",
        "national_id_hash": "",
        "phone": "",
        "address": "",
        "active_since": None,
        "description": "",
        "consent_given_by": "",
        "is_active": False,
    }
    removed.append(_("เลขประจำตัวประชาชน โทรศัพท์ ที่อยู่ วันที่เริ่มเป็นผู้นำ และคำอธิบายในทะเบียน"))
    if unit.is_leader and not certified:
        values.update(title="", first_name="", last_name="", position="", name=f"{ERASED_NAME} #{unit.pk}")
        removed.append(_("ชื่อ-สกุลและตำแหน่ง (ไม่เคยผ่านการรับรอง จึงไม่ต้องเก็บเป็นหลักฐาน)"))
    elif unit.is_leader:
        kept.append(
            (
                _("ชื่อ-สกุลของผู้นำบนใบรับรองและประวัติการรับรอง"),
                _(
                    "เป็นหลักฐานการรับรองมาตรฐานของทางราชการ เก็บไว้ตามภารกิจของรัฐ (มาตรา 24 (4) และมาตรา 33 วรรคสอง)"
                ),
            )
        )
    if not unit.is_leader and unit.coordinator:
        values["coordinator"] = ""
        removed.append(_("ชื่อผู้ประสานงาน/ประธาน"))
    Unit.objects.filter(pk=unit.pk).update(version=F("version") + 1, **values)
    photos = list(Photo.objects.filter(unit=unit))
    for p in photos:
        for f in (p.image, getattr(p, "thumbnail", None)):
            if f:
                f.delete(save=False)
        p.delete()
    if photos:
        removed.append(_("ภาพกิจกรรม %(n)s ภาพ (ไฟล์และรายการ)") % {"n": len(photos)})
    scans = 0
    for c in Consent.objects.filter(unit=unit):
        if c.scan:
            c.scan.delete(save=False)
            scans += 1
        Consent.objects.filter(pk=c.pk).update(scan="", given_by=ERASED_NAME)
    if scans:
        removed.append(_("ไฟล์สแกนแบบให้ความยินยอม %(n)s ไฟล์") % {"n": scans})
    if unit.consents.exists():
        kept.append(
            (
                _("รายการความยินยอมและการถอน (วันที่ ช่องทาง ไม่มีชื่อ)"),
                _("เป็นหลักฐานว่าการเผยแพร่ที่ผ่านมามีฐานทางกฎหมาย"),
            )
        )
    DataRequest.objects.filter(unit=unit).update(subject_name=ERASED_NAME)
    kept.append(
        (
            _("ประวัติการเข้าสู่ระบบ มชช. (ปี ขั้นตอน ผล) และใบรับรอง"),
            _("ประวัติการรับรองของหน่วยนับเป็นบันทึกของทางราชการ ไม่มีข้อมูลติดต่อหรือเลขประจำตัว"),
        )
    )
    kept.append(
        (
            _("บันทึกการตรวจสอบ (audit log)"),
            _("บันทึกแบบต่อท้ายเท่านั้นและเชื่อมโยงด้วยแฮช แก้ไขไม่ได้ ไม่เคยเก็บเลขประจำตัวประชาชน ใช้ตรวจสอบการดำเนินงาน"),
        )
    )
    kept.append((_("บันทึกคำขอนี้"), _("เป็นหลักฐานว่าได้ดำเนินการตามคำขอภายในกำหนด")))
    return Erased(removed=removed, kept=kept)


HOLDER = Holder(
    key="registry.unit", label=gettext_lazy("ทะเบียนหน่วยนับ"), find=find, export=export, erase=erase, order=10
)
