"""The catalogue as an Excel workbook: export a set, parse an uploaded one (Thai headers, Thai errors)."""

import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .enums import Combine
from .models import Indicator

SHEET_RULE = "เกณฑ์"
SHEET_INDICATORS = "ตัวชี้วัด"
COLUMNS = [
    ("component", "ด้าน"),
    ("code", "รหัส"),
    ("text", "ตัวชี้วัด"),
    ("evidence_hint", "หลักฐาน"),
    ("scale", "วิธีให้คะแนน"),
    ("max_score", "คะแนนเต็ม"),
    ("pass_score", "คะแนนผ่าน"),
    ("weight", "น้ำหนัก (%)"),
    ("mandatory", "บังคับ"),
]
RULE_ROWS = [
    ("title", "ชื่อชุดมาตรฐาน"),
    ("require_mandatory", "ต้องผ่านตัวชี้วัดบังคับทุกข้อ"),
    ("min_percent", "คะแนนรวมขั้นต่ำ (%)"),
    ("combine", "การรวมเงื่อนไข (และ/หรือ)"),
    ("is_demo", "ตัวอย่างเพื่อสาธิต (ไม่ใช่ทางการ)"),
    ("source", "ที่มา/เอกสารอ้างอิง"),
]
YES, NO = "ใช่", "ไม่"
SCALE_LABELS = {"ผ่าน/ไม่ผ่าน": Indicator.Scale.PASS_FAIL, "ให้คะแนน": Indicator.Scale.SCORE}


def export_set(standard_set):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_RULE
    values = {
        "title": standard_set.title,
        "require_mandatory": YES if standard_set.require_mandatory else NO,
        "min_percent": float(standard_set.min_percent) if standard_set.min_percent is not None else None,
        "combine": "หรือ" if standard_set.combine == Combine.OR else "และ",
        "is_demo": YES if standard_set.is_demo else NO,
        "source": standard_set.source,
    }
    for key, label in RULE_ROWS:
        ws.append([label, values[key]])
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 60
    ws2 = wb.create_sheet(SHEET_INDICATORS)
    ws2.append([label for _k, label in COLUMNS])
    for cell in ws2[1]:
        cell.font = Font(bold=True)
    for comp in standard_set.components.all().prefetch_related("indicators"):
        for i in comp.indicators.all():
            if not i.is_active:
                continue
            ws2.append(
                [
                    comp.name,
                    i.code,
                    i.text,
                    i.evidence_hint,
                    i.get_scale_display(),
                    i.max_score,
                    i.pass_score,
                    float(i.weight),
                    YES if i.mandatory else NO,
                ]
            )
    for col, width in zip("ABCDEFGHI", (28, 8, 60, 40, 14, 10, 10, 10, 8), strict=True):
        ws2.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _yes(value):
    return str(value or "").strip() in {YES, "yes", "y", "1", "true", "True", "TRUE", "✓", "บังคับ"}


def _str(value):
    return "" if value is None else str(value).strip()


def parse(f):
    """Read an uploaded workbook into {"rule": {...}, "indicators": [...]} with JSON-safe values.
    Raises ValidationError with every Thai message found, row by row."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(f, read_only=True, data_only=True)
    except Exception:
        raise ValidationError(_("อ่านไฟล์ไม่ได้ ไฟล์ต้องเป็น Excel (.xlsx) ที่ส่งออกจากระบบหรือทำตามแบบฟอร์ม")) from None
    if SHEET_INDICATORS not in wb.sheetnames:
        raise ValidationError(_("ไม่พบแผ่นงานชื่อ “%(s)s” ในไฟล์") % {"s": SHEET_INDICATORS})
    errors = []
    rule = {
        "title": "",
        "require_mandatory": True,
        "min_percent": None,
        "combine": Combine.AND.value,
        "is_demo": False,
        "source": "",
    }
    if SHEET_RULE in wb.sheetnames:
        labels = {label: key for key, label in RULE_ROWS}
        for row in wb[SHEET_RULE].iter_rows(values_only=True):
            if not row or _str(row[0]) not in labels:
                continue
            key, value = labels[_str(row[0])], row[1] if len(row) > 1 else None
            if key in ("require_mandatory", "is_demo"):
                rule[key] = _yes(value)
            elif key == "min_percent":
                if _str(value):
                    try:
                        mp = Decimal(_str(value))
                    except InvalidOperation:
                        errors.append(_("คะแนนรวมขั้นต่ำ “%(v)s” ไม่ใช่ตัวเลข") % {"v": value})
                    else:
                        if not 0 <= mp <= 100:
                            errors.append(_("คะแนนรวมขั้นต่ำต้องอยู่ระหว่าง 0 ถึง 100%"))
                        rule["min_percent"] = str(mp)
            elif key == "combine":
                rule["combine"] = Combine.OR.value if _str(value) == "หรือ" else Combine.AND.value
            else:
                rule[key] = _str(value)
    rows = list(wb[SHEET_INDICATORS].iter_rows(values_only=True))
    if not rows:
        raise ValidationError(_("แผ่นงาน “%(s)s” ว่างเปล่า") % {"s": SHEET_INDICATORS})
    header = [_str(h) for h in rows[0]]
    missing = [label for _k, label in COLUMNS if label not in header]
    if missing:
        raise ValidationError(_("ไม่พบคอลัมน์: %(c)s") % {"c": ", ".join(missing)})
    pos = {key: header.index(label) for key, label in COLUMNS}
    indicators, codes, total = [], set(), Decimal("0")
    for n, row in enumerate(rows[1:], start=2):
        cell = {key: (row[i] if i < len(row) else None) for key, i in pos.items()}
        if not any(_str(v) for v in cell.values()):
            continue
        where = _("แถวที่ %(n)s") % {"n": n}
        item = {
            "component": _str(cell["component"]),
            "code": _str(cell["code"]),
            "text": _str(cell["text"]),
            "evidence_hint": _str(cell["evidence_hint"]),
            "mandatory": _yes(cell["mandatory"]),
        }
        for key in ("component", "code", "text"):
            if not item[key]:
                errors.append(_("%(w)s: ไม่ได้กรอก “%(c)s”") % {"w": where, "c": dict(COLUMNS)[key]})
        if item["code"] in codes:
            errors.append(_("%(w)s: รหัส %(c)s ซ้ำ") % {"w": where, "c": item["code"]})
        codes.add(item["code"])
        scale = SCALE_LABELS.get(_str(cell["scale"]) or "ให้คะแนน")
        if scale is None:
            errors.append(_("%(w)s: วิธีให้คะแนนต้องเป็น “ผ่าน/ไม่ผ่าน” หรือ “ให้คะแนน”") % {"w": where})
            scale = Indicator.Scale.SCORE
        item["scale"] = scale.value
        try:
            item["max_score"] = int(Decimal(_str(cell["max_score"]) or "1"))
            item["pass_score"] = int(Decimal(_str(cell["pass_score"]) or "1"))
            weight = Decimal(_str(cell["weight"]) or "0")
        except (InvalidOperation, ValueError):
            errors.append(_("%(w)s: คะแนนเต็ม คะแนนผ่าน และน้ำหนักต้องเป็นตัวเลข") % {"w": where})
            continue
        if scale == Indicator.Scale.PASS_FAIL:
            item["max_score"], item["pass_score"] = 1, 1
        elif not 1 <= item["pass_score"] <= item["max_score"] <= 100:
            errors.append(_("%(w)s: คะแนนผ่านต้องอยู่ระหว่าง 1 ถึงคะแนนเต็ม") % {"w": where})
        if weight < 0:
            errors.append(_("%(w)s: น้ำหนักติดลบไม่ได้") % {"w": where})
        item["weight"] = str(weight)
        total += weight
        indicators.append(item)
    if not indicators:
        errors.append(_("ไม่พบตัวชี้วัดในไฟล์"))
    elif total != Decimal("100"):
        errors.append(_("น้ำหนักของตัวชี้วัดรวมกันได้ %(t)s%% ต้องรวมกันเท่ากับ 100%%") % {"t": f"{total.normalize():f}"})
    if not rule["title"]:
        rule["title"] = _("ชุดมาตรฐานนำเข้าจาก Excel")
    if errors:
        raise ValidationError(errors)
    return {"rule": rule, "indicators": indicators}
