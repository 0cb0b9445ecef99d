from django import forms
from django.utils.translation import gettext_lazy as _

from apps.registry.enums import TargetType


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("หมายเหตุ/คำชี้แจงถึงจังหวัด"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("เมื่อส่งแก้ไขหลังจังหวัดส่งกลับ ให้ชี้แจงสิ่งที่แก้ไขแล้ว"),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลและสิ่งที่อำเภอต้องแก้ไข"),
        max_length=2000,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("กรุณาระบุเหตุผลและสิ่งที่อำเภอต้องแก้ไข"),
            "min_length": _("กรุณาระบุเหตุผลและสิ่งที่อำเภอต้องแก้ไข (อย่างน้อย 5 ตัวอักษร)"),
        },
    )


class DashboardQuery(forms.Form):
    type = forms.ChoiceField(label=_("ประเภท"), choices=TargetType.choices, initial="")


class DistrictQuery(forms.Form):
    """One of the person's own districts (a district officer with more than one)."""

    district = forms.ChoiceField(label=_("อำเภอ"), choices=[])

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(c, c) for c in codes]
        self.fields["district"].initial = codes[0] if codes else None


class NationalQuery(forms.Form):
    """The centre's page: which fiscal year, the column to sort by, what the map colours."""

    year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), choices=[], coerce=int)
    sort = forms.ChoiceField(label=_("เรียงตาม"), choices=[], initial="province")
    metric = forms.ChoiceField(label=_("แผนที่แสดง"), choices=[], initial="enrolled")

    def __init__(self, *args, years=(), **kwargs):
        from .national import METRICS, SORTS

        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
        self.fields["sort"].choices = [
            (f"{sign}{k}", f"{label}{' ↓' if sign else ''}")
            for k, label in SORTS.items()
            for sign in ("", "-")
        ]
        self.fields["metric"].choices = list(METRICS.items())


class NationalSummaryForm(forms.Form):
    year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), choices=[], coerce=int)
    format = forms.ChoiceField(label=_("รูปแบบ"), choices=[("pdf", "PDF"), ("xlsx", "Excel (xlsx)")])

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
