"""History since 2547 (issue 20 item 5): a province's past passers imported from its old spreadsheets.

`parse_history` is the dry run (rows with Thai errors, nothing saved); `import_history` saves all rows or none.
A row is matched to a unit of the registry by its national ID (leaders) or by type + name + subdistrict through
the registry's own duplicate lookup (`find_duplicates`, which owns how national IDs are compared); a group,
network or community not in the registry yet is added to it; a leader must be in the registry first."""

import datetime as dt
import functools

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit
from apps.core.thaidates import fiscal_year_of, parse_be_date
from apps.core.xlsx import safe_cell
from apps.geo.models import District, Subdistrict
from apps.registry.enums import TargetType
from apps.registry.excel import TYPE_BY_TEXT, read_sheet
from apps.registry.models import Unit
from apps.registry.services_units import find_duplicates
from apps.registry.thaiid import clean_national_id

from .models import Certificate, new_public_code
from .models_history import HistoricCertificate
from .signals import certificate_changed

FIRST_YEAR = 2547  # the programme's first passers
COLUMNS = [
    ("target_type", "ประเภท"),
    ("name", "ชื่อหน่วยนับ"),
    ("district", "อำเภอ"),
    ("subdistrict", "ตำบล"),
    ("national_id", "เลขประจำตัวประชาชน (ผู้นำ)"),
    ("fiscal_year", "ปีที่ผ่านการรับรอง (พ.ศ.)"),
    ("number", "เลขที่ใบรับรอง"),
    ("valid_until", "ใช้ได้ถึง (วว/ดด/ปปปป พ.ศ.)"),
]
HEADER_TO_KEY = {h: k for k, h in COLUMNS}
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return " ".join(str(v).split())


@functools.cache
def template_xlsx():
    """The blank form (the same bytes for everyone): built once per process, never per request."""
    from apps.registry.excel import _workbook

    example = [
        "กลุ่ม/องค์กรชุมชน",
        "กลุ่มออมทรัพย์เพื่อการผลิตบ้านตัวอย่าง",
        "เมือง…",
        "ในเมือง",
        "",
        2550,
        "มชช.65/2550/0001",
        "",
    ]
    return _workbook([h for _k, h in COLUMNS], [[safe_cell(v) for v in example]], "ผู้ผ่านการรับรอง")


def _year(v, last):
    s = _text(v).translate(_THAI_DIGITS)
    if not s.isdigit():
        raise ValueError(_("ปีที่ผ่านการรับรองต้องเป็นปี พ.ศ. 4 หลัก (พบ “%(v)s”)") % {"v": s[:20]})
    y = int(s)
    if not FIRST_YEAR <= y <= last:
        raise ValueError(
            _("ปีที่ผ่านการรับรองต้องอยู่ระหว่าง %(a)s ถึง %(b)s (พบ %(v)s)") % {"a": FIRST_YEAR, "b": last, "v": y}
        )
    return y


def _date(v):
    if v in (None, ""):
        return None
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        return v.replace(year=v.year - 543) if v.year > 2400 else v
    try:
        return parse_be_date(_text(v))
    except ValueError as exc:
        raise ValueError(_("ใช้ได้ถึง: %(e)s") % {"e": exc}) from None


def parse_history(f, province):
    """Dry run: [{line, data, errors, unit, label, matched}]. Saves nothing; a file-level problem (not an xlsx,
    wrong headers, no rows) is a Thai ValidationError."""
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
    districts = {d.name_th: d for d in District.objects.filter(province=province)}
    districts |= {d.code: d for d in districts.values()}
    subs = {(s.district_id, s.name_th): s for s in Subdistrict.objects.filter(district__province=province)}
    last_year = fiscal_year_of(timezone.localdate())
    named = {}
    for u in (
        Unit.objects.filter(district__province=province).exclude(target_type=TargetType.LEADER).order_by("pk")
    ):
        named.setdefault((u.district_id, u.target_type, u.name.strip().lower()), []).append(u)
    out, numbers, unit_years = [], set(), set()
    for n, r in enumerate(raw, start=2):
        cell = {k: (r[i] if i < len(r) else None) for k, i in index.items()}
        errors, data = [], {}
        tt = TYPE_BY_TEXT.get(_text(cell["target_type"]))
        if not tt:
            errors.append(
                _("ประเภทไม่ถูกต้อง “%(v)s” (ใช้: ผู้นำชุมชน กลุ่ม/องค์กรชุมชน เครือข่ายองค์การชุมชน ชุมชน)")
                % {"v": _text(cell["target_type"])[:40]}
            )
        name = _text(cell["name"])[:255]
        if not name:
            errors.append(_("กรุณากรอกชื่อหน่วยนับ"))
        d_text = _text(cell["district"]).removeprefix("อ.").removeprefix("อำเภอ").strip()
        district = districts.get(d_text)
        if not district:
            errors.append(
                _("ไม่พบอำเภอ “%(d)s” ในจังหวัด%(p)s")
                % {"d": _text(cell["district"])[:40], "p": province.name_th}
            )
        s_text = _text(cell["subdistrict"]).removeprefix("ต.").removeprefix("ตำบล").strip()
        sub = subs.get((district.code, s_text)) if district and s_text else None
        if district and s_text and not sub:
            errors.append(_("ไม่พบตำบล “%(s)s” ในอำเภอ%(d)s") % {"s": s_text[:40], "d": district.name_th})
        try:
            nid = clean_national_id(_text(cell["national_id"]))
        except ValidationError as exc:
            errors.extend(exc.messages)
            nid = ""
        try:
            year = _year(cell["fiscal_year"], last_year)
        except ValueError as exc:
            errors.append(str(exc))
            year = None
        number = _text(cell["number"])[:80]
        if not number:
            errors.append(_("กรุณากรอกเลขที่ใบรับรอง"))
        elif number.lower() in numbers:
            errors.append(_("ซ้ำ: เลขที่ใบรับรอง %(n)s อยู่ในไฟล์มากกว่าหนึ่งแถว") % {"n": number})
        numbers.add(number.lower())
        try:
            valid_until = _date(cell["valid_until"])
        except ValueError as exc:
            errors.append(str(exc))
            valid_until = None
        unit = None
        if tt and name and district and (tt == TargetType.LEADER or nid):
            # a person: the registry's lookup owns how national IDs are compared (one query per such row)
            found = find_duplicates(
                district, {"target_type": tt, "name": name, "subdistrict": sub, "national_id": nid}
            )
            unit = next((u for u in found if u.district_id == district.code), None)
        elif tt and name and district:
            # groups, networks, communities: type + name (+ subdistrict), as find_duplicates matches them,
            # from one query for the whole file
            same = [
                u
                for u in named.get((district.code, tt, name.lower()), [])
                if not sub or u.subdistrict_id == sub.code
            ]
            unit = same[0] if same else None
        if tt == TargetType.LEADER and name and district and unit is None:
            errors.append(_("ไม่พบผู้นำ “%(n)s” ในทะเบียนของอำเภอ กรุณาเพิ่มในทะเบียนหน่วยนับก่อน") % {"n": name})
        key = (unit.pk if unit else (tt, name.lower(), district.code if district else ""), year)
        if year and key in unit_years:
            errors.append(_("ซ้ำ: หน่วยนับนี้ผ่านการรับรองปี %(y)s อยู่ในไฟล์มากกว่าหนึ่งแถว") % {"y": year})
        unit_years.add(key)
        data.update(
            target_type=tt,
            name=name,
            district=district,
            subdistrict=sub,
            fiscal_year=year,
            number=number,
            valid_until=valid_until,
        )
        out.append(
            {
                "line": n,
                "data": data,
                "errors": errors,
                "unit": unit,
                "label": name or "—",
                "year": year,
                "number": number,
                "type_label": TargetType(tt).label if tt else "",
            }
        )
    _against_the_database(out, province)
    return out


def _against_the_database(rows, province):
    """Numbers already used in the province (old or new system) and passes already recorded: row errors."""
    numbers = [r["number"] for r in rows if r["number"]]
    taken = set(
        HistoricCertificate.objects.filter(province=province, number__in=numbers).values_list(
            "number", flat=True
        )
    ) | set(
        Certificate.objects.filter(year__province=province, number__in=numbers).values_list(
            "number", flat=True
        )
    )
    units = [r["unit"].pk for r in rows if r["unit"]]
    recorded = set(
        HistoricCertificate.objects.filter(unit_id__in=units).values_list("unit_id", "fiscal_year")
    ) | set(Certificate.objects.filter(unit_id__in=units).values_list("unit_id", "year__fiscal_year"))
    for r in rows:
        if r["number"] in taken:
            r["errors"].append(_("ซ้ำ: เลขที่ใบรับรอง %(n)s มีในระบบแล้ว") % {"n": r["number"]})
        if r["unit"] and (r["unit"].pk, r["year"]) in recorded:
            r["errors"].append(_("ซ้ำ: หน่วยนับนี้มีใบรับรองปี %(y)s ในระบบแล้ว") % {"y": r["year"]})


@transaction.atomic
def import_history(province, rows, *, by):
    """Save every row or none: units not yet in the registry are added, then one historic certificate per row."""
    if any(r["errors"] for r in rows):
        raise ValidationError(_("ยังมีแถวที่ผิดพลาด กรุณาแก้ไขไฟล์แล้วอัปโหลดใหม่ — ยังไม่มีการบันทึกข้อมูลใด ๆ"))
    created = {}
    records = []
    for r in rows:
        d = r["data"]
        unit = r["unit"]
        if unit is None:
            key = (d["target_type"], d["name"].lower(), d["district"].code)
            unit = created.get(key)
            if unit is None:
                unit = Unit.objects.create(
                    district=d["district"],
                    subdistrict=d["subdistrict"],
                    target_type=d["target_type"],
                    name=d["name"],
                    description=_("นำเข้าจากทะเบียนผู้ผ่านการรับรองก่อนใช้ระบบ"),
                    created_by=by,
                )
                created[key] = unit
        records.append(
            HistoricCertificate(
                province=province,
                unit=unit,
                fiscal_year=d["fiscal_year"],
                number=d["number"],
                valid_until=d["valid_until"],
                code=new_public_code(),
                imported_by=by,
            )
        )
    try:
        with transaction.atomic():
            for rec in records:
                rec.save()
    except IntegrityError:
        raise ValidationError(_("มีการนำเข้าเลขที่ใบรับรองเหล่านี้ไปแล้วระหว่างนี้ กรุณาตรวจสอบไฟล์อีกครั้ง")) from None
    # the public pages (profiles, verification) read these: refresh their cache once the rows are visible
    transaction.on_commit(
        lambda: certificate_changed.send(
            sender=HistoricCertificate, certificate=None, action="history_imported"
        )
    )
    audit(
        by,
        "certificates.history_imported",
        province,
        after={"province": province.code, "certificates": len(records), "new_units": len(created)},
    )
    return records, list(created.values())


def history_of(unit):
    """The unit's certificates, old system and new, newest first: [{fiscal_year, number, historic, status}]."""
    today = timezone.localdate()
    rows = [
        {"fiscal_year": h.fiscal_year, "number": h.number, "historic": True, "status": h.status_on(today)}
        for h in unit.historic_certificates.all()
    ]
    rows += [
        {
            "fiscal_year": c.year.fiscal_year,
            "number": c.number,
            "historic": False,
            "status": c.status_on(today),
        }
        for c in Certificate.objects.filter(unit=unit).select_related("year")
    ]
    return sorted(rows, key=lambda r: -r["fiscal_year"])


def find_by_number(text):
    """A historic certificate by its printed number (old certificates carry no verification code)."""
    text = " ".join((text or "").split())
    if not text:
        return None
    return (
        HistoricCertificate.objects.filter(Q(number__iexact=text))
        .select_related("unit__district__province")
        .first()
    )
