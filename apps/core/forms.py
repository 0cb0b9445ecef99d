"""Form pieces every app uses: B.E. date input, upload validation."""

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .thaidates import format_date, parse_be_date


class BEDateInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__(
            {"placeholder": _("วว/ดด/ปปปป"), "inputmode": "numeric", "class": "be-date", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, dt.date):
            return format_date(value, "NUM")
        return value


class BEDateField(forms.DateField):
    """A date typed in the Buddhist era (15/03/2570), stored as an ISO date."""

    widget = BEDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_be_date(value)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None


def be_formfield(db_field, **kwargs):
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", BEDateField)
        kwargs.pop("widget", None)
    return db_field.formfield(**kwargs)


class BEModelForm(forms.ModelForm):
    """ModelForm whose date fields take B.E. dates."""

    class Meta:
        formfield_callback = be_formfield


UPLOAD_KINDS = {
    "image": ({".jpg", ".jpeg", ".png", ".webp", ".gif"}, _("รูปภาพ (JPG, PNG, WEBP)")),
    # A photo of stage work: re-encoded to JPEG on save (apps/registry/images.py), so a phone's HEIC is taken too.
    "photo": (
        {".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif"},
        _("รูปภาพ (JPG, PNG, WEBP, HEIC)"),
    ),
    "document": (
        {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png"},
        _("เอกสาร (PDF, Word, Excel, รูปภาพ)"),
    ),
    "spreadsheet": ({".xlsx"}, _("ไฟล์ Excel (.xlsx)")),
    "scan": ({".pdf", ".jpg", ".jpeg", ".png"}, _("ไฟล์สแกน (PDF, JPG, PNG)")),
    "presentation": ({".pptx", ".pdf"}, _("ไฟล์ PowerPoint (.pptx) หรือ PDF")),
}


HEIF_EXTS = {".heic", ".heif"}


def heif_supported():
    """Whether Pillow can open HEIC/HEIF photos here (pillow-heif installed); registers its opener once."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


def validate_upload(f, kind="document"):
    """The one upload check: size and type, with a Thai message. Images are opened to be sure."""
    exts, label = UPLOAD_KINDS[kind]
    name = (f.name or "").lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    limit = settings.MAX_PHOTO_UPLOAD_SIZE if kind == "photo" else settings.MAX_UPLOAD_SIZE
    if f.size > limit:
        raise ValidationError(
            _("ไฟล์ใหญ่เกินไป (%(size).1f MB) ขนาดสูงสุดคือ %(max)d MB")
            % {"size": f.size / 1024 / 1024, "max": limit // 1024 // 1024}
        )
    if ext not in exts:
        raise ValidationError(_("ไฟล์ชนิดนี้ใช้ไม่ได้ กรุณาเลือก %(label)s") % {"label": label})
    if ext in HEIF_EXTS and not heif_supported():
        raise ValidationError(
            _(
                "ระบบยังอ่านภาพ HEIC/HEIF ไม่ได้ กรุณาส่งเป็น JPG: บน iPhone ตั้งค่า > กล้อง > รูปแบบ > "
                "เลือก “เข้ากันได้มากที่สุด” หรือส่งภาพผ่านแอปที่แปลงเป็น JPG ให้"
            )
        )
    if ext in {".jpg", ".jpeg", ".png", ".webp", ".gif"} | HEIF_EXTS:
        from PIL import Image

        try:
            pos = f.tell()
            Image.open(f).verify()
            f.seek(pos)
        except Exception:
            raise ValidationError(_("ไฟล์รูปภาพเสียหรือไม่ใช่รูปภาพจริง กรุณาเลือกไฟล์ใหม่")) from None
    return f


def posted_text(data, name, max_length=None):
    """A free-text value posted outside a Django form (per-indicator notes, comments, reasons): stripped, without
    NUL characters (which PostgreSQL refuses) and, when given, cut to the column's length."""
    value = (data.get(name) or "").replace("\x00", "").strip()
    return value[:max_length] if max_length else value


def form_errors(form, exc: ValidationError):
    """Put a service's ValidationError on the form: field errors on their fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, " ".join(e.messages))
    else:
        for msg in exc.messages:
            form.add_error(None, msg)


def messages_from(request, exc: ValidationError):
    """A service's ValidationError as error messages on the next page (for actions posted from a list)."""
    from django.contrib import messages

    for m in exc.messages:
        messages.error(request, m)
