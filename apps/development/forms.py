from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BEModelForm
from apps.registry.enums import Stage, TargetType

from .enums import Progress
from .models import Activity, Component, Indicator, StandardSet, Visit


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiImageField(forms.FileField):
    widget = MultiFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"accept": "image/*", "multiple": True})

    def clean(self, data, initial=None):
        if not data:
            return []
        if not isinstance(data, (list, tuple)):
            data = [data]
        return [super(MultiImageField, self).clean(d, initial) for d in data]


class NewSetForm(forms.Form):
    year = forms.ModelChoiceField(queryset=None, label=_("ปีงบประมาณ"))
    target_type = forms.ChoiceField(choices=TargetType.choices, label=_("ประเภท"))
    title = forms.CharField(max_length=255, label=_("ชื่อชุดมาตรฐาน"))

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = years


class ImportForm(NewSetForm):
    title = None
    file = forms.FileField(
        label=_("ไฟล์ Excel (.xlsx)"),
        help_text=_("ใช้แบบฟอร์มเดียวกับไฟล์ที่ส่งออกจากระบบ: แผ่นงาน “เกณฑ์” และ “ตัวชี้วัด”"),
    )


class RuleForm(forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = StandardSet
        fields = ["title", "require_mandatory", "min_percent", "combine", "source", "is_demo"]
        help_texts = {"min_percent": _("เว้นว่างถ้าไม่ใช้เกณฑ์คะแนนรวม")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.national_id:  # the centre's pass rule: shown, not editable
            for f in ("require_mandatory", "min_percent", "combine"):
                self.fields[f].disabled = True
                self.fields[f].help_text = _("กำหนดโดยมาตรฐานส่วนกลาง")


class ComponentForm(forms.ModelForm):
    class Meta:
        model = Component
        fields = ["order", "name"]


class IndicatorSpecForm(forms.ModelForm):
    """What an indicator says and how it is scored (a province's Indicator or the centre's NationalIndicator): a
    pass/fail indicator is worth 1 and passes at 1."""

    WIDGETS = {"text": forms.Textarea(attrs={"rows": 3}), "evidence_hint": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        if data.get("scale") == Indicator.Scale.PASS_FAIL:
            data["max_score"], data["pass_score"] = 1, 1
        return data


class IndicatorForm(IndicatorSpecForm):
    class Meta:
        model = Indicator
        fields = ["component", *Indicator.SPEC_FIELDS]
        widgets = IndicatorSpecForm.WIDGETS

    def __init__(self, *args, standard_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].queryset = standard_set.components.all()
        self.fields["component"].label = _("ด้าน")
        if standard_set.national_id:
            self.fields["weight"].help_text = _(
                "ตัวชี้วัดของจังหวัดในชุดที่รับจากมาตรฐานส่วนกลางมีน้ำหนัก 0% (กำหนดเป็นตัวชี้วัดบังคับได้)"
            )


class AssessmentHeaderForm(BEModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(BEModelForm.Meta):
        from .models import SelfAssessment

        model = SelfAssessment
        fields = ["assessed_on", "participants", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class EvidenceForm(forms.Form):
    title = forms.CharField(max_length=255, required=False, label=_("ชื่อเอกสาร"))
    indicator = forms.ModelChoiceField(queryset=None, required=False, label=_("ตัวชี้วัด"))
    file = forms.FileField(label=_("ไฟล์หลักฐาน"))

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators


class CommunityIndicatorForm(forms.Form):
    text = forms.CharField(max_length=255, label=_("ตัวชี้วัดของชุมชน"))
    target = forms.CharField(max_length=255, required=False, label=_("เป้าหมาย"))


class SummaryForm(forms.Form):
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("สภาพปัญหาและแนวทางพัฒนา")
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class GoalForm(forms.Form):
    text = forms.CharField(max_length=255, label=_("เป้าหมายการพัฒนา"))
    order = forms.IntegerField(min_value=1, max_value=99, initial=1, label=_("ลำดับ"))


class ActivityForm(BEModelForm):
    class Meta(BEModelForm.Meta):
        model = Activity
        fields = [
            "goal",
            "what",
            "starts_on",
            "ends_on",
            "who",
            "partner",
            "budget",
            "budget_source",
            "indicators",
        ]
        widgets = {"indicators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["indicators"].queryset = indicators
        self.fields["indicators"].label_from_instance = lambda i: f"{i.code} {i.text[:80]}"


class ProgressForm(forms.Form):
    progress = forms.ChoiceField(
        choices=[c for c in Progress.choices if c[0] != Progress.PENDING],
        label=_("ผลการดำเนินงาน"),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("บันทึก"))
    photos = MultiImageField(label=_("ภาพกิจกรรม"))


class VisitForm(BEModelForm):
    photos = MultiImageField(label=_("ภาพกิจกรรม"))

    class Meta(BEModelForm.Meta):
        model = Visit
        fields = ["kind", "visited_on", "visitors", "learned", "advice", "next_step"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in ("learned", "advice", "next_step")}


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("เหตุผล"))


class MoveBackForm(ReasonForm):
    to_stage = forms.TypedChoiceField(
        coerce=int,
        label=_("ย้อนไปยัง"),
        choices=[(s.value, s.label) for s in Stage if s.value >= Stage.RECRUITMENT],
    )


class NationalQuery(forms.Form):
    """?fy= (and ?catalogue= of the adopt form) of the centre's catalogue pages (B.E.)."""

    fy = forms.IntegerField(min_value=2540, max_value=2700, required=False, label=_("ปีงบประมาณ"))
    catalogue = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class NationalNewForm(forms.Form):
    fiscal_year = forms.IntegerField(min_value=2540, max_value=2700, label=_("ปีงบประมาณ (พ.ศ.)"))
    target_type = forms.ChoiceField(choices=TargetType.choices, label=_("ประเภท"))
    title = forms.CharField(max_length=255, label=_("ชื่อชุดมาตรฐาน"))


class NationalHeaderForm(forms.ModelForm):
    class Meta:
        from .models import NationalCatalogue

        model = NationalCatalogue
        fields = ["title", "require_mandatory", "min_percent", "combine", "source", "is_demo"]
        help_texts = {"min_percent": _("เว้นว่างถ้าไม่ใช้เกณฑ์คะแนนรวม")}


class NationalIndicatorForm(IndicatorSpecForm):
    class Meta:
        from .models import NationalIndicator

        model = NationalIndicator
        fields = ["component_order", "component_name", *Indicator.SPEC_FIELDS]
        widgets = IndicatorSpecForm.WIDGETS


class AdoptForm(forms.Form):
    """A province takes a published version of the centre's catalogue into one of its years."""

    year = forms.ModelChoiceField(queryset=None, label=_("ปีงบประมาณของจังหวัด"))
    catalogue = forms.ModelChoiceField(queryset=None, label=_("มาตรฐานส่วนกลาง (ฉบับที่ประกาศใช้)"))
    publish = forms.BooleanField(
        required=False,
        initial=True,
        label=_("ประกาศใช้ทันที"),
        help_text=_("เอาเครื่องหมายออกถ้าจะเพิ่มตัวชี้วัดของจังหวัดก่อนประกาศใช้"),
    )

    def __init__(self, *args, years, catalogues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = years
        self.fields["catalogue"].queryset = catalogues

    def clean(self):
        data = super().clean()
        year, cat = data.get("year"), data.get("catalogue")
        if year and cat and year.fiscal_year != cat.fiscal_year:
            raise forms.ValidationError(
                _("มาตรฐานส่วนกลางที่เลือกเป็นของปีงบประมาณ %(c)s แต่ปีของจังหวัดที่เลือกคือ %(y)s")
                % {"c": cat.fiscal_year, "y": year.fiscal_year}
            )
        return data


# --- the field app (issue 22): entries queued on a phone, sent when the network returns --------------------

from apps.core.forms import BEDateField  # noqa: E402
from apps.registry.models import PreparationRecord  # noqa: E402


class FieldEntryMixin(forms.Form):
    """What every queued entry carries: the id the phone gave it, and the stage the officer saw the unit in."""

    client_id = forms.UUIDField(widget=forms.HiddenInput)


class _UnitField(forms.ModelChoiceField):
    def label_from_instance(self, e):
        return f"{e.unit.name} ({e.get_stage_display()})"


class FieldVisitForm(FieldEntryMixin, BEModelForm):
    enrolment = _UnitField(queryset=None, label=_("หน่วยนับ"))
    stage_seen = forms.TypedChoiceField(
        coerce=int, choices=Stage.choices, required=False, empty_value=None, widget=forms.HiddenInput
    )

    class Meta(BEModelForm.Meta):
        model = Visit
        fields = ["kind", "visited_on", "visitors", "learned", "advice", "next_step"]
        widgets = {f: forms.Textarea(attrs={"rows": 2}) for f in ("learned", "advice", "next_step")}

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments
        self.order_fields(["enrolment", "kind", "visited_on", "visitors"])


class FieldPhotoForm(FieldEntryMixin):
    enrolment = _UnitField(queryset=None, label=_("หน่วยนับ"))
    stage_seen = forms.TypedChoiceField(
        coerce=int, choices=Stage.choices, required=False, empty_value=None, widget=forms.HiddenInput
    )
    image = forms.ImageField(
        label=_("ถ่ายรูปหรือเลือกรูป"), widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )
    caption = forms.CharField(max_length=255, required=False, label=_("คำบรรยายภาพ"))
    taken_on = BEDateField(required=False, label=_("วันที่ถ่าย"))
    # the byte count the phone sent: a file that arrives shorter was cut off on the way and is not kept
    size = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)
    visit_client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments

    def cut_off(self):
        image, size = self.cleaned_data.get("image"), self.cleaned_data.get("size")
        return bool(image and size and image.size != size)


class FieldStage1Form(FieldEntryMixin, BEModelForm):
    district = forms.ChoiceField(label=_("อำเภอ"))

    class Meta(BEModelForm.Meta):
        model = PreparationRecord
        fields = ["kind", "title", "held_on", "place", "attendees_count", "resolutions"]
        widgets = {"resolutions": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(d.code, d.name_th) for d in districts]
        if len(districts) == 1:
            self.fields["district"].initial = districts[0].code
            self.fields["district"].widget = forms.HiddenInput()
