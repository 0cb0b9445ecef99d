"""Message templates of reminder rules: Thai text with {placeholders}. Only the names below are allowed;
anything else ({unknown}, {district.name}, {x!r}, {x:>10}, a lone brace) is refused when the rule is saved,
so rendering can never fail or reach into objects."""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PLACEHOLDERS = {
    "district": gettext_lazy("ชื่ออำเภอ"),
    "deadline": gettext_lazy("วันครบกำหนด (พ.ศ.)"),
    "report": gettext_lazy("ชื่อรายงาน"),
    "missing": gettext_lazy("สิ่งที่ยังขาด"),
    "link": gettext_lazy("ลิงก์ไปยังหน้าที่ต้องดำเนินการ"),
    "days": gettext_lazy("จำนวนวันก่อน/หลังกำหนด"),
    "year": gettext_lazy("ปีงบประมาณ"),
}


def placeholder_help():
    return " ".join(f"{{{k}}} = {v}" for k, v in PLACEHOLDERS.items())


def check_template(text):
    """Raise ValidationError (Thai) when `text` uses a placeholder we do not know or is malformed."""
    try:
        parts = list(string.Formatter().parse(text or ""))
    except ValueError:
        raise ValidationError(
            _("รูปแบบข้อความไม่ถูกต้อง: วงเล็บปีกกา { } ไม่ครบคู่ (ถ้าต้องการพิมพ์วงเล็บ ให้พิมพ์ซ้อน {{ หรือ }})")
        ) from None
    unknown = []
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            unknown.append(
                "{"
                + field
                + (("!" + conversion) if conversion else "")
                + ((":" + spec) if spec else "")
                + "}"
            )
    if unknown:
        raise ValidationError(
            _("ไม่รู้จักตัวแปร %(bad)s ในข้อความ ใช้ได้เฉพาะ %(ok)s")
            % {"bad": ", ".join(unknown), "ok": ", ".join("{" + k + "}" for k in PLACEHOLDERS)}
        )


def render(text, context):
    """Fill a checked template. Missing values render empty rather than fail a send."""
    values = {k: "" for k in PLACEHOLDERS}
    values.update({k: str(v) for k, v in context.items() if k in PLACEHOLDERS})
    return (text or "").format_map(values)
