from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BEDateField

from .enums import DeadlineKind, Stage, TargetType
from .models import ProgrammeYear


class OpenYearForm(forms.Form):
    province = forms.ModelChoiceField(queryset=None, label=_("จังหวัด"))
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    copy_from = forms.ModelChoiceField(queryset=None, required=False, label=_("คัดลอกการตั้งค่าจากปี"),
                                       help_text=_("ปฏิทิน กำหนดส่ง ประเภทย่อย เป้าหมาย และโซน จะถูกเลื่อนมาเป็นปีใหม่"))

    def __init__(self, *args, provinces, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces
        self.fields["copy_from"].queryset = years
        if provinces.count() == 1:
            self.fields["province"].initial = provinces.first()

    def clean(self):
        data = super().clean()
        p, fy, src = data.get("province"), data.get("fiscal_year"), data.get("copy_from")
        if p and fy and ProgrammeYear.objects.filter(province=p, fiscal_year=fy).exists():
            raise ValidationError(_("ปีงบประมาณ %(fy)s ของจังหวัดนี้เปิดไว้แล้ว") % {"fy": fy})
        if src and p and src.province_id != p.code:
            raise ValidationError(_("ปีที่ใช้คัดลอกต้องเป็นของจังหวัดเดียวกัน"))
        if src and fy and src.fiscal_year >= fy:
            raise ValidationError(_("ปีที่ใช้คัดลอกต้องเป็นปีก่อนหน้า"))
        return data


class CalendarForm(forms.Form):
    """Start and end of each stage and the due date of each report, in B.E."""

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        periods = {p.stage: p for p in year.stage_periods.all()}
        deadlines = {d.kind: d for d in year.deadlines.all()}
        for stage in Stage:
            p = periods.get(stage.value)
            self.fields[f"stage_{stage.value}_start"] = BEDateField(
                label=_("%(s)s เริ่ม") % {"s": stage.label}, initial=p and p.starts_on)
            self.fields[f"stage_{stage.value}_end"] = BEDateField(
                label=_("%(s)s สิ้นสุด") % {"s": stage.label}, initial=p and p.ends_on)
        for kind in DeadlineKind:
            d = deadlines.get(kind.value)
            self.fields[f"deadline_{kind.value}"] = BEDateField(label=kind.label, initial=d and d.due_on)

    def stage_rows(self):
        return [(Stage(s), self[f"stage_{s}_start"], self[f"stage_{s}_end"]) for s in Stage.values]

    def deadline_fields(self):
        return [self[f"deadline_{k}"] for k in DeadlineKind.values]

    def periods(self):
        d = self.cleaned_data
        return {s: (d[f"stage_{s}_start"], d[f"stage_{s}_end"]) for s in Stage.values}

    def deadlines(self):
        return {k: self.cleaned_data[f"deadline_{k}"] for k in DeadlineKind.values}


class TargetsForm(forms.Form):
    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for tt in TargetType:
            self.fields[tt.value] = forms.IntegerField(
                label=tt.label, min_value=1, initial=current.get(tt.value, 1),
                error_messages={"min_value": _("อย่างน้อยประเภทละ 1 หน่วยนับ (แนวทางข้อ 1.2)")},
            )


class YearSettingsForm(forms.ModelForm):
    class Meta:
        model = ProgrammeYear
        fields = ["is_open", "level_district", "level_zone", "level_subcommittee", "level_committee",
                  "certificate_pattern"]

    def clean_certificate_pattern(self):
        pattern = self.cleaned_data["certificate_pattern"]
        try:
            pattern.format(province="65", year=2570, seq=1)
        except (KeyError, ValueError, IndexError):
            raise ValidationError(_("รูปแบบเลขที่ไม่ถูกต้อง ใช้ได้เฉพาะ {province} {year} {seq}")) from None
        if "{seq" not in pattern:
            raise ValidationError(_("รูปแบบเลขที่ต้องมี {seq} เพื่อให้เลขไม่ซ้ำกัน"))
        return pattern

    def clean(self):
        data = super().clean()
        if not data.get("level_committee"):
            raise ValidationError(_("ต้องมีการรับรองโดยคณะกรรมการจังหวัดเสมอ (แนวทางข้อ 2.10)"))
        return data


class ZoneForm(forms.Form):
    name = forms.CharField(label=_("ชื่อโซน"), max_length=100)
    districts = forms.MultipleChoiceField(label=_("อำเภอ"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].choices = [(d.code, d.name_th) for d in districts]


class SubTypeForm(forms.Form):
    target_type = forms.ChoiceField(label=_("ประเภท"), choices=TargetType.choices)
    name = forms.CharField(label=_("ชื่อประเภทย่อย"), max_length=150)
