from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BEDateField

from .enums import ConsentChannel, ConsentPurpose, DeadlineKind, RequestKind, RequestStatus, Stage, TargetType
from .models import ProgrammeYear


class OpenYearForm(forms.Form):
    province = forms.ModelChoiceField(queryset=None, label=_("จังหวัด"))
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    copy_from = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("คัดลอกการตั้งค่าจากปี"),
        help_text=_("ปฏิทิน กำหนดส่ง ประเภทย่อย เป้าหมาย และโซน จะถูกเลื่อนมาเป็นปีใหม่"),
    )

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
                label=_("%(s)s เริ่ม") % {"s": stage.label}, initial=p and p.starts_on
            )
            self.fields[f"stage_{stage.value}_end"] = BEDateField(
                label=_("%(s)s สิ้นสุด") % {"s": stage.label}, initial=p and p.ends_on
            )
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
                label=tt.label,
                min_value=1,
                initial=current.get(tt.value, 1),
                error_messages={"min_value": _("อย่างน้อยประเภทละ 1 หน่วยนับ (แนวทางข้อ 1.2)")},
            )


class YearSettingsForm(forms.ModelForm):
    class Meta:
        model = ProgrammeYear
        fields = [
            "is_open",
            "level_district",
            "level_zone",
            "level_subcommittee",
            "level_committee",
            "certificate_pattern",
        ]

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


# --- units, enrolments -------------------------------------------------------------------------

from apps.core.forms import BEModelForm, validate_upload  # noqa: E402
from apps.geo.models import Subdistrict, Village  # noqa: E402

from .models import Unit  # noqa: E402

COMMON_TAIL = ["phone", "description", "consent_given_by"]
UNIT_FORM_FIELDS = {
    TargetType.LEADER: [
        "title",
        "first_name",
        "last_name",
        "position",
        "sub_type",
        "subdistrict",
        "village",
        "address",
        "active_since",
        "national_id",
        *COMMON_TAIL,
    ],
    TargetType.GROUP: [
        "name",
        "sub_type",
        "subdistrict",
        "village",
        "founded_on",
        "members_count",
        "coordinator",
        *COMMON_TAIL,
    ],
    TargetType.NETWORK: [
        "name",
        "sub_type",
        "subdistrict",
        "village",
        "founded_on",
        "members_count",
        "coordinator",
        *COMMON_TAIL,
    ],
    TargetType.COMMUNITY: ["village", "name", "sub_type", "coordinator", "households", *COMMON_TAIL],
}


class UnitForm(BEModelForm):
    """The fields of one target type (DESIGN §2). Per-type rules live in services_units.normalise_unit_data."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_duplicate = forms.BooleanField(
        required=False, label=_("ยืนยันว่าเป็นหน่วยนับใหม่ ไม่ซ้ำกับที่มีอยู่"), widget=forms.HiddenInput
    )

    class Meta(BEModelForm.Meta):
        model = Unit
        fields = sorted({f for fs in UNIT_FORM_FIELDS.values() for f in fs} | {"is_active"})
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"national_id": forms.CharField}

    national_id = forms.CharField(
        label=_("เลขประจำตัวประชาชน"),
        # room for dashes, spaces and invisible characters pasted with the 13 digits (clean_national_id drops them)
        max_length=64,
        error_messages={"max_length": _("เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก")},
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, target_type, district, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_national_id = self.instance.national_id if self.instance.pk else ""
        self.target_type = TargetType(target_type)
        keep = set(UNIT_FORM_FIELDS[self.target_type]) | {"version", "confirm_duplicate"}
        if self.instance.pk:
            keep.add("is_active")
            self.fields["version"].initial = self.instance.version
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        order = [*UNIT_FORM_FIELDS[self.target_type], "is_active", "version", "confirm_duplicate"]
        self.order_fields(order)
        if "subdistrict" in self.fields:
            self.fields["subdistrict"].queryset = Subdistrict.objects.filter(district=district)
        self.fields["village"].queryset = Village.objects.filter(
            subdistrict__district=district
        ).select_related("subdistrict")
        self.fields["village"].label_from_instance = lambda v: f"{v} ต.{v.subdistrict.name_th}"
        names = []
        if year is not None:
            names = list(
                year.sub_types.filter(target_type=self.target_type, is_active=True).values_list(
                    "name", flat=True
                )
            )
        current = self.instance.sub_type
        if current and current not in names:
            names.append(current)
        self.fields["sub_type"] = forms.ChoiceField(
            label=_("ประเภทย่อย"),
            required=False,
            choices=[("", "—")] + [(n, n) for n in names],
            initial=current,
        )
        if self.target_type == TargetType.COMMUNITY:
            self.fields["coordinator"].label = _("ผู้นำชุมชน")
            self.fields["village"].required = True
            self.fields["name"].required = False
            self.fields["name"].help_text = _("เว้นว่างได้: ใช้ชื่อหมู่บ้าน")
        elif self.target_type == TargetType.LEADER:
            for f in ("first_name", "last_name"):
                self.fields[f].required = True
            self.fields["position"].help_text = _("เช่น อช. ผู้นำ อช. ผู้ใหญ่บ้าน")
            self.fields["address"].help_text = _("บ้านเลขที่ ถนน/ซอย (หมู่บ้านเลือกด้านบน)")
            self.fields["national_id"].help_text = _(
                "ไม่บังคับ 13 หลัก ระบบตรวจเลขหลักสุดท้าย เก็บแบบเข้ารหัสและแสดงแบบปิดบังเสมอ"
            )
            if self.instance.pk and self.instance.national_id:
                # the stored number never goes back to the browser: blank keeps it, a new one replaces it
                self.initial["national_id"] = ""
                self.fields["national_id"].help_text = _(
                    "บันทึกไว้แล้ว (%(masked)s): เว้นว่างเพื่อคงเดิม หรือพิมพ์เลขใหม่เพื่อแก้ไข"
                ) % {"masked": self.instance.masked_national_id}
                self.fields["clear_national_id"] = forms.BooleanField(
                    label=_("ลบเลขประจำตัวประชาชนที่บันทึกไว้"), required=False
                )
        else:
            self.fields["name"].required = True
        self.fields["consent_given_by"].help_text = _(
            "ผู้ให้ความยินยอมให้เก็บและใช้ข้อมูลส่วนบุคคล (PDPA) ระบบบันทึกวันเวลาให้"
        )
        self.fields["version"].initial = self.instance.version if self.instance.pk else None

    def clean_national_id(self):
        from .thaiid import clean_national_id

        return clean_national_id(self.cleaned_data.get("national_id", ""))

    def service_data(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "confirm_duplicate")}
        data["target_type"] = self.target_type.value
        clear = data.pop("clear_national_id", False)
        if "national_id" in data and not data["national_id"] and self.stored_national_id and not clear:
            del data["national_id"]  # left blank: keep the stored number
        return data


class EnrolForm(forms.Form):
    year = forms.ModelChoiceField(queryset=None, label=_("ปีงบประมาณ"))
    mentor = forms.ModelChoiceField(queryset=None, required=False, label=_("พัฒนากรผู้รับผิดชอบ"))
    confirm_warnings = forms.BooleanField(required=False, label=_("ตรวจสอบแล้ว ยืนยันรับสมัคร"))

    def __init__(self, *args, years, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = years
        self.fields["year"].label_from_instance = lambda y: str(y.fiscal_year)
        self.fields["mentor"].queryset = mentors
        self.fields["mentor"].label_from_instance = lambda u: u.get_full_name() or u.email


class MentorForm(forms.Form):
    mentor = forms.ModelChoiceField(queryset=None, required=False, label=_("พัฒนากรผู้รับผิดชอบ"))

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors
        self.fields["mentor"].label_from_instance = lambda u: u.get_full_name() or u.email


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลการถอนตัว"), max_length=255, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- stage 1, photos -------------------------------------------------------------------------------

from .models import Partner, PreparationRecord  # noqa: E402


class PreparationRecordForm(BEModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    upload = forms.FileField(
        label=_("ไฟล์แนบ (รายงานการประชุม/เอกสาร)"), required=False, help_text=_("PDF, Word, Excel หรือรูปภาพ")
    )

    class Meta(BEModelForm.Meta):
        model = PreparationRecord
        fields = ["kind", "title", "held_on", "place", "attendees", "attendees_count", "resolutions"]
        widgets = {
            "attendees": forms.Textarea(attrs={"rows": 4}),
            "resolutions": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_upload(self):
        f = self.cleaned_data.get("upload")
        return validate_upload(f, "document") if f else None


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["kind", "name", "contact", "support"]
        widgets = {"support": forms.Textarea(attrs={"rows": 3})}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*", "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d] or single(None, initial)
        return [single(data, initial)]


class PhotoUploadForm(forms.Form):
    images = MultipleImageField(
        label=_("รูปภาพ (เลือกได้หลายรูป)"),
        help_text=_("JPG, PNG, WEBP หรือ HEIC จากมือถือ ภาพใหญ่จะถูกย่อเหลือด้านยาวไม่เกิน 2000 พิกเซลโดยอัตโนมัติ"),
    )
    caption = forms.CharField(label=_("คำบรรยายภาพ"), max_length=255)
    stage = forms.TypedChoiceField(label=_("ขั้นตอน"), choices=Stage.choices, coerce=int)
    unit = forms.ModelChoiceField(queryset=None, required=False, label=_("หน่วยนับ (ถ้ามี)"))
    taken_on = BEDateField(label=_("วันที่ถ่าย"), required=False)
    is_public = forms.BooleanField(
        label=_("เผยแพร่สาธารณะได้"), required=False, help_text=_("ภาพที่ไม่ได้เลือกจะเห็นเฉพาะเจ้าหน้าที่")
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_images(self):
        files = self.cleaned_data["images"]
        for f in files:
            validate_upload(f, "photo")
        return files


class PhotoReportChoiceForm(forms.Form):
    """Put a photo in the district's report or take it out; `back` is where the page returns (same site only)."""

    chosen = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")
    back = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, host, **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host

    def clean_back(self):
        from django.utils.http import url_has_allowed_host_and_scheme

        back = self.cleaned_data.get("back") or ""
        ok = back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={self.host})
        return back if ok else ""


class ConsentForm(forms.Form):
    """Consent to publication of one person's name, photo, phone, address (issue 19 item 2)."""

    purposes = forms.MultipleChoiceField(
        label=_("ยินยอมให้เผยแพร่"), choices=ConsentPurpose.choices, widget=forms.CheckboxSelectMultiple
    )
    given_by = forms.CharField(label=_("ผู้ให้ความยินยอม"), max_length=150)
    given_on = BEDateField(label=_("วันที่ให้ความยินยอม"))
    channel = forms.ChoiceField(label=_("ช่องทาง"), choices=ConsentChannel.choices)
    scan = forms.FileField(
        label=_("ไฟล์สแกนแบบให้ความยินยอม"),
        required=False,
        help_text=_("จำเป็นเมื่อเป็นแบบฟอร์มกระดาษ: PDF, JPG หรือ PNG"),
    )
    note = forms.CharField(label=_("หมายเหตุ"), max_length=255, required=False)

    def clean_scan(self):
        from apps.core.forms import validate_upload

        f = self.cleaned_data.get("scan")
        return validate_upload(f, "scan") if f else f


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = BEDateField(label=_("วันที่ถอนความยินยอม"))
    channel = forms.ChoiceField(label=_("ช่องทางการถอน"), choices=ConsentChannel.choices)
    note = forms.CharField(label=_("หมายเหตุการถอน"), max_length=255, required=False)


class RevealForm(forms.Form):
    """Why a full national ID is needed: required, kept in the audit trail."""

    reason = forms.CharField(
        label=_("เหตุผลที่ต้องดูเลขประจำตัวประชาชนแบบเต็ม"),
        max_length=255,
        error_messages={"required": _("กรุณาระบุเหตุผลที่ต้องดูเลขประจำตัวประชาชนแบบเต็ม")},
    )

    def clean_reason(self):
        from apps.core.forms import posted_text

        reason = posted_text(self.cleaned_data, "reason", 255)
        if len(reason) < 4:
            raise ValidationError(_("กรุณาระบุเหตุผลให้ชัดเจน (อย่างน้อย 4 ตัวอักษร)"))
        return reason


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("คำขอ"), choices=RequestKind.choices)
    subject_name = forms.CharField(label=_("ผู้ยื่นคำขอ (เจ้าของข้อมูล)"), max_length=255)
    received_on = BEDateField(label=_("วันที่ได้รับคำขอ"), help_text=_("ระบบนับ 30 วันจากวันนี้เป็นกำหนดตอบ"))
    details = forms.CharField(
        label=_("รายละเอียดคำขอ"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DataRequestCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("ผล"),
        choices=[
            (RequestStatus.DONE, RequestStatus.DONE.label),
            (RequestStatus.REFUSED, RequestStatus.REFUSED.label),
        ],
    )
    outcome = forms.CharField(
        label=_("ผลการดำเนินการหรือเหตุผลที่ปฏิเสธ"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class JoinProvinceForm(forms.Form):
    """The centre opens a province's first year and names its first provincial staff member."""

    province = forms.ModelChoiceField(queryset=None, label=_("จังหวัด"))
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณแรก (พ.ศ.)"), min_value=2500, max_value=2700)
    level_district = forms.BooleanField(label=_("ประเมินระดับอำเภอ"), required=False, initial=True)
    level_zone = forms.BooleanField(label=_("ประเมินระดับโซนอำเภอ"), required=False, initial=True)
    level_subcommittee = forms.BooleanField(
        label=_("ประเมินโดยอนุกรรมการระดับจังหวัด"), required=False, initial=False
    )
    level_committee = forms.BooleanField(
        label=_("รับรองโดยคณะกรรมการจังหวัด"),
        required=False,
        initial=True,
    )
    email = forms.EmailField(label=_("อีเมลเจ้าหน้าที่ มชช. จังหวัดคนแรก"))
    title = forms.CharField(label=_("คำนำหน้า"), max_length=30, required=False)
    first_name = forms.CharField(label=_("ชื่อ"), max_length=100)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=100)
    position = forms.CharField(label=_("ตำแหน่ง"), max_length=150, required=False)

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces

    def clean(self):
        data = super().clean()
        if not data.get("level_committee"):
            self.add_error("level_committee", _("ต้องมีการรับรองโดยคณะกรรมการจังหวัดเสมอ (แนวทางข้อ 2.10)"))
        return data

    def levels(self):
        return {
            f: self.cleaned_data[f]
            for f in ("level_district", "level_zone", "level_subcommittee", "level_committee")
        }

    def staff(self):
        return {f: self.cleaned_data[f] for f in ("email", "title", "first_name", "last_name", "position")}
