from django import forms
from django.utils.translation import gettext_lazy as _


class ProfileTextForm(forms.Form):
    summary = forms.CharField(
        label=_("สิ่งที่หน่วยนับทำ (โดยสรุป)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("เขียนให้คนทั่วไปเข้าใจ ห้ามใส่เลขประจำตัวประชาชน เบอร์โทรศัพท์ส่วนบุคคล หรือบันทึกภายใน"),
    )
    results = forms.CharField(
        label=_("ผลการดำเนินงาน"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False
    )
    practices = forms.CharField(
        label=_("แนวปฏิบัติที่น่าเรียนรู้ (ผู้อื่นนำไปใช้ได้)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผลที่ซ่อน"), max_length=255)


class PhotoChoiceForm(forms.Form):
    photos = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label=_("ภาพที่เผยแพร่บนโปรไฟล์")
    )
    cover = forms.ModelChoiceField(
        queryset=None, required=False, label=_("ภาพปก (ใช้เป็นภาพเมื่อแชร์)"), empty_label=_("— ไม่เลือก —")
    )

    def __init__(self, *args, photos_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].queryset = photos_qs
        self.fields["cover"].queryset = photos_qs
        self.fields["photos"].label_from_instance = lambda p: p.caption
        self.fields["cover"].label_from_instance = lambda p: p.caption


class ProfileStatusQuery(forms.Form):
    """The staff list of public profiles by state: none yet, hidden, or a profile status."""

    status = forms.ChoiceField(label=_("สถานะ"), choices=[], initial="")

    def __init__(self, *args, **kwargs):
        from .enums import ProfileStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("none", _("ยังไม่เริ่ม")),
            ("hidden", _("ซ่อนอยู่")),
            *ProfileStatus.choices,
        ]


class PrivacyContactForm(forms.ModelForm):
    class Meta:
        from .models import PrivacyContact

        model = PrivacyContact
        fields = ["controller", "address", "phone", "email", "dpo_name", "dpo_email", "dpo_phone"]
