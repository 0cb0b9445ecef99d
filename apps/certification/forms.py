from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BEDateField, BEModelForm

from .models import Ceremony, CertificateSettings, Honour, HonourKind


class RevokeForm(forms.Form):
    # Not `required`: the service gives the Thai message, also for a reason of only spaces.
    reason = forms.CharField(
        label=_("เหตุผลการเพิกถอน"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ReinstateForm(forms.Form):
    # Not `required`: the service gives the Thai message, also for a reason of only spaces.
    reason = forms.CharField(
        label=_("เหตุผลการคืนสถานะ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("เช่น เพิกถอนผิดใบ หรือคณะกรรมการมีมติให้คืนสถานะ"),
    )


class DatesForm(forms.Form):
    certified_on = BEDateField(
        label=_("วันที่รับรอง"), required=False, help_text=_("วันประชุมที่มีมติรับรอง แก้ไขได้เมื่อระบุเหตุผลเท่านั้น")
    )
    reason = forms.CharField(label=_("เหตุผลที่แก้ไขวันที่รับรอง"), required=False, max_length=1000)
    awarded_on = BEDateField(label=_("วันที่มอบ (พิธีมอบ)"), required=False)
    valid_until = BEDateField(label=_("ใช้ได้ถึง"), required=False, help_text=_("เว้นว่างถ้าไม่มีวันหมดอายุ"))
    version = forms.IntegerField(widget=forms.HiddenInput)


class HonourForm(BEModelForm):
    class Meta(BEModelForm.Meta):
        model = Honour
        fields = ["year", "unit", "kind", "title", "giver_level", "given_by", "given_on", "ceremony", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, units, years, district_only, ceremonies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = HonourKind.objects.all()
        self.fields["kind"].help_text = _("ประเภทที่อำเภอมอบได้และเงื่อนไขผู้รับ กำหนดไว้ในข้อมูลประเภทการเชิดชูเกียรติ")
        self.fields["ceremony"].queryset = ceremonies
        self.fields["ceremony"].help_text = _("ถ้าเลือกพิธี วันที่มอบต้องเป็นวันจัดพิธี")
        self.fields["year"].queryset = years
        self.fields["year"].label_from_instance = lambda y: f"{y.fiscal_year} · {y.province}"
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: f"{u.name} · {u.district.name_th}"
        self.fields["given_by"].help_text = _("เช่น ผู้ว่าราชการจังหวัดพิษณุโลก หรือ นายอำเภอเมืองพิษณุโลก")
        if district_only:
            # A district records the honours it gives itself; provincial honours are the province's to record.
            self.fields["giver_level"].choices = [(Honour.Giver.DISTRICT, Honour.Giver.DISTRICT.label)]
            self.fields["giver_level"].initial = Honour.Giver.DISTRICT


class EditHonourForm(BEModelForm):
    """Correcting a recorded honour: the unit and year stay; a reason is kept in the audit trail."""

    reason = forms.CharField(label=_("เหตุผลการแก้ไข"), max_length=500)

    class Meta(BEModelForm.Meta):
        model = Honour
        fields = ["kind", "title", "giver_level", "given_by", "given_on", "ceremony", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, district_only, ceremonies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = HonourKind.objects.all()
        self.fields["ceremony"].queryset = ceremonies
        if district_only:
            self.fields["giver_level"].choices = [(Honour.Giver.DISTRICT, Honour.Giver.DISTRICT.label)]


class CeremonyForm(BEModelForm):
    signature_file = forms.FileField(
        label=_("ภาพลายมือชื่อผู้ลงนาม (PNG/JPEG ไม่เกิน 2 MB)"),
        required=False,
        help_text=_("ใช้พิมพ์ลงเกียรติบัตรเท่านั้น ไม่แสดงบนหน้าเว็บใด"),
    )
    emblem_file = forms.FileField(
        label=_("ตราสัญลักษณ์ของสำนักงาน (PNG/JPEG ไม่เกิน 2 MB)"),
        required=False,
        help_text=_("เว้นว่างเพื่อใช้ตราของระบบ"),
    )

    class Meta(BEModelForm.Meta):
        model = Ceremony
        fields = [
            "year",
            "district",
            "title",
            "held_on",
            "place",
            "presiding",
            "signer_name",
            "signer_position",
        ]

    def __init__(self, *args, years, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = years
        self.fields["year"].label_from_instance = lambda y: f"{y.fiscal_year} · {y.province}"
        self.fields["district"].queryset = districts


class RemoveHonourForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผลการลบ"), required=False, max_length=500)


class CertificateSettingsForm(forms.ModelForm):
    class Meta:
        model = CertificateSettings
        fields = ["issuer", "signer_name", "signer_title"]
