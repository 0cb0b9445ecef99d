"""Units to and from Excel (openpyxl): a Thai template, a dry-run parse with row errors, an all-or-nothing
import and an export whose text cells cannot run as formulas."""

import datetime as dt
import functools
import io
import zipfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.audit import audit
from apps.core.thaidates import format_date, parse_be_date
from apps.geo.models import Subdistrict, Village

from .enums import Stage, TargetType
from .models import Enrolment, Unit
from .services_units import leader_name, normalise_unit_data
from .thaiid import clean_national_id, formatted

MAX_ROWS = 10_000

COLUMNS = [
    ("target_type", "ประเภท"),
    ("sub_type", "ประเภทย่อย"),
    ("name", "ชื่อกลุ่ม/เครือข่าย/ชุมชน"),
    ("title", "คำนำหน้า"),
    ("first_name", "ชื่อ"),
    ("last_name", "นามสกุล"),
    ("position", "ตำแหน่ง"),
    ("national_id", "เลขประจำตัวประชาชน"),
    ("phone", "โทรศัพท์"),
    ("address", "ที่อยู่"),
    ("subdistrict", "ตำบล"),
    ("moo", "หมู่ที่"),
    ("founded_on", "วันที่ก่อตั้ง (วว/ดด/ปปปป พ.ศ.)"),
    ("active_since", "เป็นผู้นำในชุมชนตั้งแต่ (วว/ดด/ปปปป พ.ศ.)"),
    ("members_count", "จำนวนสมาชิก"),
    ("coordinator", "ผู้ประสานงาน/ผู้นำชุมชน"),
    ("households", "จำนวนครัวเรือน"),
    ("consent_given_by", "ผู้ให้ความยินยอม (PDPA)"),
    ("enrol", "สมัครปีนี้ (ใช่/ไม่)"),
]
EXPORT_EXTRA = ["อำเภอ", "ขั้นตอนปีนี้", "ผลปีนี้", "ต่อเนื่องจากปีก่อน", "พัฒนากรผู้รับผิดชอบ"]
HEADER_TO_KEY = {h: k for k, h in COLUMNS}
TYPE_BY_TEXT = {
    **{str(t.label): t.value for t in TargetType},
    **{t.value: t.value for t in TargetType},
    "ผู้นำ": TargetType.LEADER,
    "กลุ่ม": TargetType.GROUP,
    "เครือข่าย": TargetType.NETWORK,
}
YES = {"ใช่", "y", "yes", "1", "true", "สมัคร", "✓"}
NO = {"", "ไม่", "n", "no", "0", "false", "ไม่สมัคร"}
from apps.core.xlsx import safe_cell as escape_cell  # noqa: E402 — the one formula escaper

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _workbook(headers, rows, title):
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers)
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDE7F0")
    for r in rows:
        ws.append([escape_cell(v) for v in r])
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, min(40, len(h) + 4))
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@functools.cache
def template_xlsx():
    """The blank form (the same bytes for everyone): built once per process, never per request."""
    example = [
        "ผู้นำชุมชน",
        "อช./ผู้นำ อช.",
        "",
        "นาย",
        "สมชาย",
        "ใจดี",
        "ผู้นำ อช.",
        "",
        "0812345678",
        "12/3",
        "ในเมือง",
        1,
        "",
        "01/06/2560",
        "",
        "",
        "",
        "นายสมชาย ใจดี",
        "ใช่",
    ]
    return _workbook([h for _k, h in COLUMNS], [example], "หน่วยนับ")


def export_xlsx(units, year, user, *, full_ids=False):
    """One row per unit; national IDs masked, unless `full_ids` was asked (an audited action of the district,
    issue 19 item 3) and then only for the units of the asker's own district."""
    rows = []
    for u in units:
        e = (getattr(u, "year_enrolments", None) or [None])[0]
        nid = (
            formatted(u.national_id)
            if full_ids and user.scope.works_in_district(u.district_id)
            else u.masked_national_id
        )
        rows.append(
            [
                str(TargetType(u.target_type).label),
                u.sub_type,
                "" if u.is_leader else u.name,
                u.title,
                u.first_name,
                u.last_name,
                u.position,
                nid,
                u.phone,
                u.address,
                u.subdistrict.name_th if u.subdistrict else "",
                u.village.moo if u.village else "",
                format_date(u.founded_on, "NUM"),
                format_date(u.active_since, "NUM"),
                u.members_count,
                u.coordinator,
                u.households,
                u.consent_given_by,
                "ใช่" if e else "",
                u.district.name_th,
                e.get_stage_display() if e else "",
                e.get_outcome_display() if e else "",
                ("ใช่" if e.carried_over else "ไม่") if e else "",
                (e.mentor.get_full_name() if e and e.mentor else ""),
            ]
        )
    return _workbook(
        [h for _k, h in COLUMNS] + EXPORT_EXTRA, rows, f"หน่วยนับ {year.fiscal_year}" if year else "หน่วยนับ"
    )


# --- import ------------------------------------------------------------------------------------


def _text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _int(v, label):
    if v in (None, ""):
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if float(v).is_integer() and v >= 0:
            return int(v)
    s = _text(v).translate(_THAI_DIGITS).replace(",", "")
    if s.isdigit():
        return int(s)
    raise ValueError(_("%(f)s ต้องเป็นตัวเลข (พบ “%(v)s”)") % {"f": label, "v": _text(v)[:30]})


def _date(v, label):
    if v in (None, ""):
        return None
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        # Excel keeps real dates; a B.E. year typed into a date cell arrives as year 25xx.
        return v.replace(year=v.year - 543) if v.year > 2400 else v
    try:
        return parse_be_date(_text(v))
    except ValueError as exc:
        raise ValueError(f"{label}: {exc}") from None


def read_sheet(f):
    """(headers, rows) of the first sheet, or a Thai ValidationError for a file that is not a readable xlsx."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        f.seek(0)
        wb = load_workbook(f, read_only=True, data_only=True)
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        headers = [_text(h) for h in next(it, ())]
        rows = []
        for r in it:
            if r is None or all(v in (None, "") for v in r):
                continue
            rows.append(r)
            if len(rows) > MAX_ROWS:
                raise ValidationError(_("ไฟล์มีข้อมูลเกิน %(n)s แถว กรุณาแบ่งเป็นหลายไฟล์") % {"n": f"{MAX_ROWS:,}"})
        wb.close()
    except ValidationError:
        raise
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        TypeError,
        IndexError,
        EOFError,
        StopIteration,
    ) as exc:
        raise ValidationError(
            _("เปิดไฟล์ไม่ได้: ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสียหาย กรุณาบันทึกเป็น .xlsx จากแบบฟอร์มแล้วลองใหม่")
        ) from exc
    return headers, rows


def parse(f, district, year):
    """Dry run: [{line, data, errors, warnings, enrol, label}] and file-level errors. Saves nothing."""
    headers, raw = read_sheet(f)
    missing = [h for _k, h in COLUMNS if h not in headers]
    if missing:
        raise ValidationError(
            _("หัวคอลัมน์ไม่ตรงกับแบบฟอร์ม ขาดคอลัมน์: %(cols)s — กรุณาดาวน์โหลดแบบฟอร์มแล้วคัดลอกข้อมูลลงไป")
            % {"cols": ", ".join(missing)}
        )
    if not raw:
        raise ValidationError(_("ไม่พบข้อมูลในไฟล์ (มีแต่หัวคอลัมน์)"))
    index = {HEADER_TO_KEY[h]: i for i, h in enumerate(headers) if h in HEADER_TO_KEY}
    subs = list(Subdistrict.objects.filter(district=district))
    sub_by = {s.name_th: s for s in subs} | {s.code: s for s in subs}
    villages = {(v.subdistrict_id, v.moo): v for v in Village.objects.filter(subdistrict__district=district)}
    sub_types = {(t, n) for t, n in year.sub_types.filter(is_active=True).values_list("target_type", "name")}
    existing = Unit.objects.filter(district=district).values_list(
        "target_type", "name", "subdistrict_id", "national_id"
    )
    seen_names = {(t, n.lower(), s or "") for t, n, s, _i in existing}
    nids_in_file = set()
    out = []
    for n, r in enumerate(raw, start=2):
        cell = {k: (r[i] if i < len(r) else None) for k, i in index.items()}
        errors, warnings, data = [], [], {}
        tt = TYPE_BY_TEXT.get(_text(cell["target_type"]))
        if not tt:
            errors.append(
                _("ประเภทไม่ถูกต้อง “%(v)s” (ใช้: ผู้นำชุมชน กลุ่ม/องค์กรชุมชน เครือข่ายองค์การชุมชน ชุมชน)")
                % {"v": _text(cell["target_type"])}
            )
        data["target_type"] = tt
        for k in (
            "sub_type",
            "name",
            "title",
            "first_name",
            "last_name",
            "position",
            "phone",
            "address",
            "coordinator",
            "consent_given_by",
        ):
            data[k] = _text(cell.get(k))[:255]
        if tt and data["sub_type"] and (tt, data["sub_type"]) not in sub_types:
            errors.append(
                _("ไม่รู้จักประเภทย่อย “%(s)s” สำหรับ%(t)s ในปี %(fy)s")
                % {"s": data["sub_type"], "t": TargetType(tt).label, "fy": year.fiscal_year}
            )
        try:
            data["national_id"] = clean_national_id(_text(cell.get("national_id")))
        except ValidationError as exc:
            errors.append(" ".join(exc.messages))
            data["national_id"] = ""
        for k, label in (("founded_on", _("วันที่ก่อตั้ง")), ("active_since", _("เป็นผู้นำตั้งแต่"))):
            try:
                data[k] = _date(cell.get(k), label)
            except ValueError as exc:
                errors.append(str(exc))
                data[k] = None
        for k, label in (
            ("members_count", _("จำนวนสมาชิก")),
            ("households", _("จำนวนครัวเรือน")),
            ("moo", _("หมู่ที่")),
        ):
            try:
                data[k] = _int(cell.get(k), label)
            except ValueError as exc:
                errors.append(str(exc))
                data[k] = None
        sub_text = _text(cell.get("subdistrict")).removeprefix("ต.").removeprefix("ตำบล").strip()
        sub = sub_by.get(sub_text) if sub_text else None
        if sub_text and not sub:
            errors.append(_("ไม่พบตำบล “%(s)s” ในอำเภอ%(d)s") % {"s": sub_text, "d": district.name_th})
        data["subdistrict"] = sub
        moo = data.pop("moo")
        data["village"] = None
        if moo is not None:
            if not sub:
                errors.append(_("ระบุหมู่ที่แล้วต้องระบุตำบลด้วย"))
            elif (sub.code, moo) not in villages:
                errors.append(
                    _("ไม่พบหมู่ที่ %(m)s ต.%(s)s ในรายการหมู่บ้านของอำเภอ (เพิ่มที่เมนูหมู่บ้านก่อน)")
                    % {"m": moo, "s": sub.name_th}
                )
            else:
                data["village"] = villages[(sub.code, moo)]
        enrol_text = _text(cell.get("enrol")).lower()
        if enrol_text not in YES | NO:
            errors.append(_("ช่อง “สมัครปีนี้” ให้ใส่ ใช่ หรือ ไม่ (พบ “%(v)s”)") % {"v": enrol_text})
        if tt and not errors:
            try:
                data = normalise_unit_data(data)
            except ValidationError as exc:
                errors.extend(m for ms in exc.message_dict.values() for m in ms)
        if tt == TargetType.LEADER:
            data["name"] = leader_name(data)
        if data.get("consent_given_by") is None:
            data["consent_given_by"] = ""
        key = (tt, (data.get("name") or "").lower(), sub.code if sub else "")
        if tt and data.get("name"):
            if key in seen_names:
                errors.append(_("ซ้ำ: มีหน่วยนับ “%(n)s” ประเภทเดียวกันในตำบลเดียวกันแล้ว") % {"n": data["name"]})
            seen_names.add(key)
        nid = data.get("national_id")
        if nid:
            if nid in nids_in_file:
                errors.append(_("ซ้ำ: เลขประจำตัวประชาชนนี้อยู่ในไฟล์มากกว่าหนึ่งแถว"))
            nids_in_file.add(nid)
        out.append(
            {
                "line": n,
                "data": data,
                "errors": errors,
                "warnings": warnings,
                "enrol": enrol_text in YES,
                "label": data.get("name") or "—",
                "type_label": TargetType(tt).label if tt else "",
            }
        )
    if nids_in_file:
        taken = set(Unit.objects.with_national_ids(nids_in_file).values_list("national_id", flat=True))
        for row in out:
            if row["data"].get("national_id") in taken:
                row["errors"].append(_("ซ้ำ: เลขประจำตัวประชาชนนี้มีในทะเบียนแล้ว"))
    return out


@transaction.atomic
def import_units(district, year, rows, *, by, mentor=None):
    """Save parsed rows, all or none; rows marked “ใช่” are enrolled in `year` (stage 2)."""
    from django.utils import timezone

    if any(r["errors"] for r in rows):
        raise ValidationError(_("ยังมีแถวที่ผิดพลาด กรุณาแก้ไขไฟล์แล้วอัปโหลดใหม่"))
    if not year.is_open and any(r["enrol"] for r in rows):
        raise ValidationError(_("ปีงบประมาณ %(fy)s ปิดแล้ว รับสมัครไม่ได้") % {"fy": year.fiscal_year})
    now = timezone.now()
    fields = [
        "target_type",
        "sub_type",
        "name",
        "title",
        "first_name",
        "last_name",
        "position",
        "national_id",
        "phone",
        "address",
        "subdistrict",
        "village",
        "founded_on",
        "active_since",
        "members_count",
        "coordinator",
        "households",
        "consent_given_by",
    ]
    units = []
    for r in rows:
        d = r["data"]
        u = Unit(
            district=district,
            created_by=by,
            **{
                f: d.get(f) if d.get(f) is not None else Unit._meta.get_field(f).get_default() for f in fields
            },
        )
        if u.consent_given_by:
            u.consent_at, u.consent_recorded_by = now, by
        units.append(u)
    Unit.objects.bulk_create(units, batch_size=500)
    today = timezone.localdate()
    enrol = [
        Enrolment(unit=u, year=year, stage=Stage.RECRUITMENT, mentor=mentor, enrolled_on=today, created_by=by)
        for u, r in zip(units, rows, strict=True)
        if r["enrol"]
    ]
    Enrolment.objects.bulk_create(enrol, batch_size=500)
    audit(
        by,
        "units.imported",
        year,
        after={
            "district": district.code,
            "units": len(units),
            "enrolled": len(enrol),
            "unit_ids": [u.pk for u in units][:1000],
        },
    )
    return units, enrol
