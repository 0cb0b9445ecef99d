from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BEDateField

from .enums import DIGEST, MANDATORY_KINDS, NOTICE_KINDS, ChannelChoice, DeliveryStatus
from .templating import check_template, placeholder_help


def _parse_days(text):
    items = [p.strip() for p in (text or "").replace("،", ",").replace(" ", ",").split(",") if p.strip()]
    try:
        values = sorted({int(p) for p in items}, reverse=True)
    except ValueError:
        raise ValidationError(_("กรุณากรอกจำนวนวันเป็นตัวเลขคั่นด้วยจุลภาค เช่น 14, 7, 1")) from None
    if any(v < 1 or v > 365 for v in values):
        raise ValidationError(_("จำนวนวันต้องอยู่ระหว่าง 1 ถึง 365"))
    return values


class RuleForm(forms.Form):
    is_active = forms.BooleanField(label=_("ใช้งานกฎนี้"), required=False)
    days_before = forms.CharField(
        label=_("แจ้งก่อนกำหนด (วัน)"),
        required=False,
        help_text=_("คั่นด้วยจุลภาค เช่น 14, 7, 1 · เว้นว่าง = ไม่แจ้งก่อนกำหนด"),
    )
    days_after = forms.CharField(
        label=_("แจ้งหลังเลยกำหนด (วัน)"), required=False, help_text=_("เช่น 1, 7 · เว้นว่าง = ไม่แจ้งเมื่อเลยกำหนด")
    )
    copy_province_when_overdue = forms.BooleanField(label=_("สำเนาถึงเจ้าหน้าที่จังหวัดเมื่อเลยกำหนด"), required=False)
    subject_before = forms.CharField(label=_("หัวเรื่อง (ก่อนกำหนด)"), max_length=200)
    body_before = forms.CharField(label=_("ข้อความ (ก่อนกำหนด)"), widget=forms.Textarea(attrs={"rows": 8}))
    subject_after = forms.CharField(label=_("หัวเรื่อง (เลยกำหนด)"), max_length=200)
    body_after = forms.CharField(label=_("ข้อความ (เลยกำหนด)"), widget=forms.Textarea(attrs={"rows": 8}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, rule=None, **kwargs):
        if rule is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "is_active": rule.is_active,
                "copy_province_when_overdue": rule.copy_province_when_overdue,
                "days_before": ", ".join(map(str, rule.days_before)),
                "days_after": ", ".join(map(str, rule.days_after)),
                "subject_before": rule.subject_before,
                "body_before": rule.body_before,
                "subject_after": rule.subject_after,
                "body_after": rule.body_after,
                "version": rule.version,
            }
        super().__init__(*args, **kwargs)
        for f in ("subject_before", "body_before", "subject_after", "body_after"):
            self.fields[f].help_text = _("ตัวแปรที่ใช้ได้: ") + placeholder_help()

    def clean_days_before(self):
        return _parse_days(self.cleaned_data["days_before"])

    def clean_days_after(self):
        return _parse_days(self.cleaned_data["days_after"])

    def _template(self, name):
        value = self.cleaned_data[name]
        check_template(value)
        return value

    def clean_subject_before(self):
        return self._template("subject_before")

    def clean_body_before(self):
        return self._template("body_before")

    def clean_subject_after(self):
        return self._template("subject_after")

    def clean_body_after(self):
        return self._template("body_after")


def optional_kinds():
    return [(k, v) for k, v in NOTICE_KINDS.items() if k not in MANDATORY_KINDS]


class PreferencesForm(forms.Form):
    daily_digest = forms.BooleanField(
        label=_("รวมข่าวสารเป็นอีเมลฉบับเดียวต่อวัน"),
        required=False,
        help_text=_("การแจ้งเตือนกำหนดส่งรายงานและการประเมินยังส่งทันทีเสมอ"),
    )
    email_kinds = forms.MultipleChoiceField(
        label=_("รับอีเมลเรื่องต่อไปนี้"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("เรื่องที่ไม่เลือกจะยังแสดงในกล่องข้อความ แต่ไม่ส่งอีเมล"),
    )

    def __init__(self, *args, pref=None, with_line=False, **kwargs):
        """`with_line`: LINE is configured and the user linked an account; then each kind gets a channel."""
        kinds = optional_kinds()
        channels = (pref.channels if pref else None) or {}
        if "initial" not in kwargs:
            muted = set(pref.muted_kinds) if pref else set()
            kwargs["initial"] = {
                "daily_digest": bool(pref and pref.daily_digest),
                "email_kinds": [k for k, _l in kinds if k not in muted],
                **{f"channel_{k}": channels.get(k, ChannelChoice.EMAIL) for k in line_kinds()},
            }
        super().__init__(*args, **kwargs)
        self.fields["email_kinds"].choices = kinds
        self.with_line = with_line
        if with_line:
            for kind in line_kinds():
                self.fields[f"channel_{kind}"] = forms.ChoiceField(
                    label=NOTICE_KINDS[kind], choices=ChannelChoice.choices, initial=ChannelChoice.EMAIL
                )

    def muted_kinds(self):
        return [k for k, _l in optional_kinds() if k not in self.cleaned_data["email_kinds"]]

    def channel_fields(self):
        return [self[f"channel_{k}"] for k in line_kinds()] if self.with_line else []

    def channels(self):
        """kind → channel, or None when the page did not offer LINE (stored choices stay)."""
        if not self.with_line:
            return None
        return {k: self.cleaned_data[f"channel_{k}"] for k in line_kinds()}


def line_kinds():
    """Every kind of notice may go by LINE (mandatory ones too); the daily digest is an e-mail."""
    return [k for k in NOTICE_KINDS if k != DIGEST]


LINK_TOKEN_RE = r"^[A-Za-z0-9_-]{8,128}$"


class LineLinkForm(forms.Form):
    linkToken = forms.RegexField(  # noqa: N815 - LINE's own parameter name
        regex=LINK_TOKEN_RE,
        max_length=128,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("ไม่พบรหัสเชื่อมบัญชีจาก LINE กรุณาเปิดลิงก์จากข้อความใน LINE อีกครั้ง"),
            "invalid": _("รหัสเชื่อมบัญชีไม่ถูกต้อง กรุณาเปิดลิงก์จากข้อความใน LINE อีกครั้ง"),
            "max_length": _("รหัสเชื่อมบัญชีไม่ถูกต้อง กรุณาเปิดลิงก์จากข้อความใน LINE อีกครั้ง"),
        },
    )


class DeliveryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("สถานะ"), required=False, choices=[("", _("ทุกสถานะ")), *DeliveryStatus.choices]
    )
    kind = forms.ChoiceField(label=_("ประเภท"), required=False)
    q = forms.CharField(label=_("ผู้รับ"), required=False, help_text=_("ชื่อหรืออีเมล"))
    date_from = BEDateField(label=_("ตั้งแต่วันที่"), required=False)
    date_to = BEDateField(label=_("ถึงวันที่"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("ทุกประเภท")), *NOTICE_KINDS.items()]
