from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BEDateField

from .models import Office


class OfficeForm(forms.ModelForm):
    class Meta:
        model = Office
        fields = ["name", "address", "prefix", "thai_digits", "year_basis", "cover_as_memo", "garuda_label"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    garuda_file = forms.ImageField(
        required=False,
        label=_("ไฟล์ตราครุฑ (PNG หรือ JPG ไม่เกิน 2 MB)"),
        help_text=_("เก็บเป็นไฟล์ภายใน ไม่เปิดเผยต่อสาธารณะ"),
    )


class SignatoryForm(forms.Form):
    name = forms.CharField(max_length=255, label=_("ชื่อผู้ลงนาม"))
    position = forms.CharField(max_length=255, label=_("ตำแหน่ง"))
    acting_line = forms.CharField(
        max_length=255,
        required=False,
        label=_("บรรทัดปฏิบัติราชการแทน"),
        help_text=_("เช่น ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดพิษณุโลก"),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(max_length=1000, label=_("เหตุผลที่ยกเลิก"))


class IssueForm(forms.Form):
    kind = forms.ChoiceField(choices=(), label=_("หนังสือ"))
    dated = BEDateField(required=False, label=_("ลงวันที่"), help_text=_("เว้นว่าง: วันนี้"))
    signatory = forms.ModelChoiceField(queryset=None, required=False, label=_("ผู้ลงนาม"))

    def __init__(self, *args, kinds, signatories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["signatory"].queryset = signatories


class ReissueForm(forms.Form):
    reason = forms.CharField(max_length=1000, label=_("เหตุผลที่ออกฉบับใหม่แทนฉบับเดิม"))
    dated = BEDateField(required=False, label=_("ลงวันที่"), help_text=_("เว้นว่าง: วันนี้"))
