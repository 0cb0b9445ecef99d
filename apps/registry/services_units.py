"""Units (หน่วยนับ): create and edit with duplicate warnings, PDPA consent and optimistic concurrency."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F, Q, TextField
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit, snapshot
from apps.core.fieldcrypt import keyed_hash

from .enums import TargetType
from .models import Unit
from .thaiid import clean_national_id

# Fields an officer types; the rest (district, version, created_*) are set here.
UNIT_FIELDS = [
    "target_type",
    "sub_type",
    "name",
    "subdistrict",
    "village",
    "title",
    "first_name",
    "last_name",
    "position",
    "national_id",
    "phone",
    "address",
    "founded_on",
    "active_since",
    "members_count",
    "coordinator",
    "households",
    "description",
    "consent_given_by",
    "consent_at",
    "is_active",
]


class DuplicateWarning(ValidationError):
    """Raised when a unit looks like one that exists; the officer may confirm and save anyway."""


def leader_name(data):
    return " ".join(
        p
        for p in [f"{data.get('title') or ''}{data.get('first_name') or ''}", data.get("last_name") or ""]
        if p
    )


def normalise_unit_data(data):
    """Per-type rules shared by the form and the Excel import. Returns cleaned data or raises ValidationError."""
    data = dict(data)
    tt = data.get("target_type")
    errors = {}
    if "national_id" in data:  # absent: an edit that keeps the stored number (the form never shows it)
        data["national_id"] = clean_national_id(data.get("national_id", ""))
    if tt == TargetType.LEADER:
        for f, label in (("first_name", _("ชื่อ")), ("last_name", _("นามสกุล"))):
            if not (data.get(f) or "").strip():
                errors[f] = _("กรุณากรอก%(f)sของผู้นำ") % {"f": label}
        data["name"] = leader_name(data)
    elif tt == TargetType.COMMUNITY:
        village = data.get("village")
        if not village:
            errors["village"] = _("กรุณาเลือกหมู่บ้านของชุมชน")
        elif not (data.get("name") or "").strip():
            data["name"] = f"บ้าน{village.name} หมู่ที่ {village.moo}"
    else:
        if not (data.get("name") or "").strip():
            errors["name"] = _("กรุณากรอกชื่อกลุ่ม/เครือข่าย")
    if tt != TargetType.LEADER and data.get("national_id"):
        data["national_id"] = ""  # only persons have one
    village, sub = data.get("village"), data.get("subdistrict")
    if village and not sub:
        data["subdistrict"] = village.subdistrict
    elif village and sub and village.subdistrict_id != sub.code:
        errors["village"] = _("หมู่บ้านนี้ไม่อยู่ในตำบลที่เลือก")
    if errors:
        raise ValidationError(errors)
    return data


def find_duplicates(district, data, *, exclude=None):
    """Units that look like this one: the same national ID anywhere, or the same name and type in the same
    subdistrict (or district, when no subdistrict is given)."""
    q = Q(target_type=data.get("target_type"), name__iexact=(data.get("name") or "").strip())
    sub = data.get("subdistrict")
    q &= Q(subdistrict=sub) if sub else Q(district=district)
    if data.get("national_id"):
        q |= Q(pk__in=Unit.objects.with_national_ids([data["national_id"]]).values("pk"))
    qs = Unit.objects.filter(q).select_related("district")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs[:5])


def duplicate_messages(dups, data):
    out = []
    for u in dups:
        if data.get("national_id") and u.national_id == data.get("national_id"):
            out.append(
                _("เลขประจำตัวประชาชนนี้มีอยู่แล้ว: %(n)s (อำเภอ%(d)s)") % {"n": u.name, "d": u.district.name_th}
            )
        else:
            out.append(_("มีหน่วยนับชื่อเดียวกันในตำบลเดียวกันแล้ว: %(n)s") % {"n": u.name})
    return out


def _consent(unit, data, by):
    if data.get("consent_given_by") and not data.get("consent_at"):
        data["consent_at"] = timezone.now()
    if data.get("consent_given_by") and (
        unit.consent_given_by != data.get("consent_given_by") or unit.consent_recorded_by_id is None
    ):
        unit.consent_recorded_by = by


def _assign(unit, data, fields):
    for f in fields:
        value = data[f]
        if value is None and isinstance(Unit._meta.get_field(f), (CharField, TextField)):
            value = ""
        setattr(unit, f, value)


@transaction.atomic
def create_unit(district, data, *, by, confirmed_duplicates=False):
    data = normalise_unit_data(data)
    if data.get("subdistrict") and data["subdistrict"].district_id != district.code:
        raise ValidationError({"subdistrict": _("ตำบลนี้ไม่อยู่ในอำเภอที่เลือก")})
    if not confirmed_duplicates:
        dups = find_duplicates(district, data)
        if dups:
            raise DuplicateWarning(duplicate_messages(dups, data), code="duplicate")
    unit = Unit(district=district, created_by=by)
    _consent(unit, data, by)
    _assign(unit, data, [f for f in UNIT_FIELDS if f in data])
    unit.full_clean(exclude=["created_by", "consent_recorded_by"])
    unit.save()
    audit(by, "unit.created", unit, after=snapshot(unit, [f for f in UNIT_FIELDS if f != "national_id"]))
    return unit


@transaction.atomic
def update_unit(unit, data, *, by, version, confirmed_duplicates=False):
    """Save an edit made on `version`; a newer version in the database means someone else saved first."""
    data = normalise_unit_data(data)
    if data.get("subdistrict") and data["subdistrict"].district_id != unit.district_id:
        raise ValidationError({"subdistrict": _("ตำบลนี้ไม่อยู่ในอำเภอที่เลือก")})
    if not confirmed_duplicates:
        dups = find_duplicates(unit.district, data, exclude=unit)
        if dups:
            raise DuplicateWarning(duplicate_messages(dups, data), code="duplicate")
    fields = [f for f in UNIT_FIELDS if f in data]
    before = snapshot(unit, [f for f in fields if f != "national_id"])
    old_id = unit.national_id
    _consent(unit, data, by)
    _assign(unit, data, fields)
    unit.full_clean(exclude=["created_by", "consent_recorded_by"])
    values = {f: getattr(unit, f) for f in fields}
    values["consent_recorded_by"] = unit.consent_recorded_by
    if "national_id" in values:  # update() skips pre_save: the lookup hash is written here
        values["national_id_hash"] = keyed_hash(unit.national_id, "national_id")
    values["updated_at"] = timezone.now()
    n = Unit.objects.filter(pk=unit.pk, version=version).update(version=F("version") + 1, **values)
    if n == 0:
        raise ValidationError(
            _("มีผู้อื่นแก้ไขหน่วยนับนี้ไปแล้วระหว่างที่คุณแก้ไข กรุณาเปิดหน้าใหม่เพื่อดูข้อมูลล่าสุดแล้วแก้ไขอีกครั้ง"),
            code="conflict",
        )
    unit.refresh_from_db()
    after = snapshot(unit, [f for f in fields if f != "national_id"])
    if old_id != unit.national_id:  # the number itself stays out of the log
        after["national_id"] = "changed"
    audit(by, "unit.updated", unit, before=before, after=after)
    return unit
