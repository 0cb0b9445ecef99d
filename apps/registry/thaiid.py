"""Thai national ID (เลขประจำตัวประชาชน): 13 digits, the last a mod-11 check digit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.nationalid import ascii_digits, check_digit, is_valid_digits

__all__ = ["check_digit", "clean_national_id", "formatted", "is_valid", "mask", "normalize"]


def normalize(value):
    """Digits only: dashes and spaces dropped, Thai digits read as Arabic."""
    return "".join(ch for ch in ascii_digits(value) if ch.isdigit() or ch.isalpha())


def is_valid(value):
    return is_valid_digits(normalize(value))


def clean_national_id(value):
    """'' stays ''; otherwise 13 digits with a correct check digit, else a Thai ValidationError."""
    v = normalize(value)
    if not v:
        return ""
    if len(v) != 13 or not v.isdigit():
        raise ValidationError(_("เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก"), code="national_id")
    if v[0] == "0" or check_digit(v[:12]) != int(v[12]):
        raise ValidationError(_("เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)"), code="national_id")
    return v


def mask(value):
    """x-xxxx-xxxxx-12-3: only the last three digits show."""
    v = normalize(value)
    if not v:
        return ""
    return f"x-xxxx-xxxxx-{v[-3:-1]}-{v[-1]}"


def formatted(value):
    v = normalize(value)
    if len(v) != 13:
        return v
    return f"{v[0]}-{v[1:5]}-{v[5:10]}-{v[10:12]}-{v[12]}"
