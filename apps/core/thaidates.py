"""Buddhist-era dates: the one formatter and the one parser used by templates, forms, PDFs and exports."""

import datetime as dt

from django.utils import timezone, translation

MONTHS = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
]
MONTHS_ABBR = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"]
BE_OFFSET = 543
_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def be_year(value):
    return value.year + BE_OFFSET


def fiscal_year_of(day):
    """B.E. fiscal year containing `day` (FY 2570 = 1 Oct 2569 – 30 Sep 2570)."""
    return be_year(day) + (1 if day.month >= 10 else 0)


def fiscal_year_bounds(fy_be):
    end_ce = fy_be - BE_OFFSET
    return dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30)


def format_date(value, style="LONG"):
    """LONG 15 มีนาคม 2570 · SHORT 15 มี.ค. 70 · NUM 15/03/2570 · FULL วันจันทร์ที่ … · Y 2570 · DT with time."""
    if value in (None, ""):
        return ""
    time_part = ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        time_part = value.strftime(" %H:%M")
    y = be_year(value)
    english = (translation.get_language() or "th").startswith("en")
    if style == "Y":
        return str(y)
    if style == "NUM":
        return f"{value.day:02d}/{value.month:02d}/{y}"
    if english:
        text = f"{value.day} {MONTHS_EN[value.month - 1][:3] if style == 'SHORT' else MONTHS_EN[value.month - 1]} B.E. {y}"
    elif style == "SHORT":
        text = f"{value.day} {MONTHS_ABBR[value.month - 1]} {y % 100:02d}"
    elif style == "FULL":
        text = f"วัน{WEEKDAYS[value.weekday()]}ที่ {value.day} {MONTHS[value.month - 1]} พ.ศ. {y}"
    else:
        text = f"{value.day} {MONTHS[value.month - 1]} {y}"
    if style == "DT":
        return text + time_part
    return text


def thai_digits(value):
    return str(value).translate(_DIGITS)


def parse_be_date(text):
    """'15/03/2570' (also 15-03-2570, 15.3.2570, Thai digits) → date(2027, 3, 15). Raises ValueError
    with a Thai message. Years must be B.E. (2400–2800) so that nobody mixes up the calendars."""
    text = str(text).strip().translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    for sep in ("-", "."):
        text = text.replace(sep, "/")
    parts = text.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError("กรุณากรอกวันที่ในรูปแบบ วว/ดด/ปปปป (พ.ศ.) เช่น 15/03/2570")
    day, month, year = (int(p) for p in parts)
    if len(parts[0]) == 4:  # ISO order 2570/03/15
        year, day = day, year
    if year < 2400 or year > 2800:
        raise ValueError("กรุณากรอกปีเป็น พ.ศ. (เช่น 2570) ไม่ใช่ ค.ศ.")
    try:
        return dt.date(year - BE_OFFSET, month, day)
    except ValueError:
        raise ValueError("ไม่มีวันที่นี้ในปฏิทิน กรุณาตรวจสอบวันและเดือน") from None
