from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BEDateField
from apps.registry.enums import EvaluationLevel

from .enums import CommitteeRole, Decision, PresentationMode


class CommitteeForm(forms.Form):
    year = forms.ModelChoiceField(queryset=None, label=_("ปีงบประมาณ"))
    level = forms.ChoiceField(choices=EvaluationLevel.choices, label=_("ระดับ"))
    district = forms.ModelChoiceField(queryset=None, required=False, label=_("อำเภอ (ระดับอำเภอ)"))
    zone = forms.ModelChoiceField(queryset=None, required=False, label=_("โซน (ระดับโซน)"))
    name = forms.CharField(max_length=255, label=_("ชื่อคณะกรรมการ"))

    def __init__(self, *args, years, districts, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = years
        self.fields["district"].queryset = districts
        self.fields["zone"].queryset = zones


class MemberForm(forms.Form):
    """Seat a member: a user with an account, a person already on record, or a new person — with an account
    (an invitation e-mail to set a password) or without one (nothing is sent; they score on a paper sheet the
    secretary types in, or through a one-time link)."""

    user = forms.ModelChoiceField(queryset=None, required=False, label=_("ผู้ใช้ที่มีบัญชีแล้ว"))
    person = forms.ModelChoiceField(queryset=None, required=False, label=_("หรือบุคคลที่มีในทะเบียนแล้ว"))
    title = forms.CharField(max_length=30, required=False, label=_("คำนำหน้า"))
    first_name = forms.CharField(max_length=100, required=False, label=_("ชื่อ"))
    last_name = forms.CharField(max_length=100, required=False, label=_("นามสกุล"))
    position = forms.CharField(max_length=150, required=False, label=_("ตำแหน่ง"))
    email = forms.EmailField(required=False, label=_("อีเมล"))
    phone = forms.CharField(max_length=30, required=False, label=_("โทรศัพท์"))
    line_id = forms.CharField(max_length=50, required=False, label=_("LINE ID"))
    with_account = forms.BooleanField(
        required=False,
        label=_("สร้างบัญชีผู้ใช้และส่งอีเมลเชิญตั้งรหัสผ่าน"),
        help_text=_("ไม่เลือก: เพิ่มเป็นกรรมการที่ไม่มีบัญชี ให้คะแนนด้วยใบให้คะแนนกระดาษหรือลิงก์ให้คะแนนครั้งเดียว"),
    )
    role = forms.ChoiceField(
        choices=CommitteeRole.choices, initial=CommitteeRole.MEMBER, label=_("ตำแหน่งในคณะกรรมการ")
    )
    affiliation = forms.CharField(
        max_length=255, required=False, label=_("สังกัด/ภาคี"), help_text=_("เช่น ภาคีการพัฒนา ผู้ผ่าน มชช. ปีก่อน")
    )
    home_district = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("อำเภอที่สังกัด"),
        help_text=_("ไม่ให้คะแนนหน่วยนับของอำเภอนี้ (ตั้งแต่ระดับโซนขึ้นไป)"),
    )

    def __init__(self, *args, users, districts, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["person"].queryset = people if people is not None else users.none()
        self.fields["home_district"].queryset = districts

    def clean(self):
        data = super().clean()
        if data.get("user") or data.get("person"):
            return data
        if not data.get("first_name"):
            self.add_error("first_name", _("กรุณาเลือกผู้ใช้หรือบุคคล หรือกรอกชื่อของกรรมการ"))
        if data.get("with_account") and not data.get("email"):
            self.add_error("email", _("การเชิญให้มีบัญชีผู้ใช้ต้องมีอีเมล"))
        return data

    def _details(self):
        d = self.cleaned_data
        return {
            k: d.get(k) or ""
            for k in ("title", "first_name", "last_name", "position", "email", "phone", "line_id")
        }

    def invite(self):
        d = self.cleaned_data
        if d.get("user") or d.get("person") or not d.get("with_account"):
            return None
        return {k: v for k, v in self._details().items() if k not in ("phone", "line_id")}

    def details(self):
        """The new person's fields when seating someone without an account, else None."""
        d = self.cleaned_data
        if d.get("user") or d.get("person") or d.get("with_account"):
            return None
        return self._details()


class RoundForm(forms.Form):
    title = forms.CharField(max_length=255, label=_("ชื่อรอบ"))
    starts_on = BEDateField(label=_("วันเริ่ม"))
    ends_on = BEDateField(label=_("วันสิ้นสุด"))
    place = forms.CharField(max_length=255, required=False, label=_("สถานที่"))
    online_url = forms.URLField(required=False, label=_("ลิงก์ประชุมออนไลน์"))
    first_slot = forms.TimeField(
        required=False, label=_("เริ่มนำเสนอเวลา"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    slot_minutes = forms.IntegerField(
        min_value=5, max_value=240, initial=20, label=_("เวลานำเสนอต่อหน่วยนับ (นาที)")
    )


class NewRoundForm(RoundForm):
    committee = forms.ModelChoiceField(queryset=None, label=_("คณะกรรมการ"))

    field_order = ["committee"]

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


class ScheduleForm(forms.Form):
    order = forms.IntegerField(min_value=1, max_value=999, label=_("ลำดับนำเสนอ"))
    slot_start = forms.TimeField(
        required=False, label=_("เวลานำเสนอ"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    slot_minutes = forms.IntegerField(required=False, min_value=5, max_value=240, label=_("เวลา (นาที)"))
    mode = forms.ChoiceField(choices=PresentationMode.choices, label=_("รูปแบบการนำเสนอ"))
    recording = forms.FileField(required=False, label=_("ไฟล์บันทึกการนำเสนอ (PowerPoint หรือ PDF)"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect, label=_("ผลการตัดสิน"))
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("เหตุผล"),
        help_text=_("ต้องระบุเมื่อผลต่างจากคะแนน ส่งกลับ หรือแก้ไขผลเดิม"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class BulkDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, label=_("ผลการตัดสิน"))
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("เหตุผล (ข้อเดียวสำหรับทุกหน่วยนับ)")
    )
    threshold = forms.DecimalField(
        required=False, min_value=Decimal(0), max_value=Decimal(100), label=_("หรือทุกหน่วยนับที่คะแนนเฉลี่ยตั้งแต่ (%)")
    )


class ExemplarForm(forms.Form):
    enrolment = forms.ModelChoiceField(queryset=None, label=_("หน่วยนับต้นแบบ"))
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("เหตุผลที่เสนอ"))

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments


class ExemplarSummaryForm(forms.Form):
    story = forms.CharField(
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("เรื่องราวของหน่วยนับ"),
        help_text=_("ทำอะไร เริ่มอย่างไร เป็นที่ยอมรับอย่างไร — ห้ามใส่เลขประจำตัวประชาชน เบอร์โทรศัพท์ หรือที่อยู่บ้านเลขที่"),
    )
    lessons = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("บทเรียนที่ได้รับ/ปัจจัยความสำเร็จ"),
        help_text=_("หนึ่งบรรทัดต่อหนึ่งข้อ"),
    )
    partners = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("ภาคีการพัฒนา"),
        help_text=_("หนึ่งบรรทัดต่อหนึ่งภาคี ภาคีที่อยู่ในแผนพัฒนาตนเองแล้วจะแสดงให้เอง"),
    )


class UploadForm(forms.Form):
    presentation = forms.FileField(label=_("ไฟล์ PowerPoint (.pptx) หรือ PDF"))


class MeetingForm(forms.Form):
    held_on = BEDateField(label=_("วันประชุม"))
    starts_at = forms.TimeField(
        required=False, label=_("เวลาเริ่ม"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(max_length=255, required=False, label=_("สถานที่"))
    online_url = forms.URLField(required=False, label=_("ลิงก์ประชุมออนไลน์"), assume_scheme="https")
    extra_agenda = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("วาระอื่น ๆ (หนึ่งเรื่องต่อบรรทัด)")
    )
    attachments = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("สิ่งที่ส่งมาด้วย (หนึ่งรายการต่อบรรทัด)")
    )


class ResolutionForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        choices=[("pass", _("ผ่าน")), ("not_pass", _("ไม่ผ่าน")), ("defer", _("เลื่อนการพิจารณา"))], label=_("มติ")
    )
    reason = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label=_("เหตุผล")
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        max_length=50000, widget=forms.Textarea(attrs={"rows": 12}), label=_("รายงานการประชุม")
    )


class MinutesApprovalForm(forms.Form):
    method = forms.ChoiceField(
        choices=[("next_meeting", _("รับรองในการประชุมครั้งถัดไป")), ("circulation", _("รับรองโดยการเวียน"))],
        label=_("วิธีรับรอง"),
    )
    at_meeting = forms.ModelChoiceField(queryset=None, required=False, label=_("การประชุมที่รับรอง"))
    approved_on = BEDateField(required=False, label=_("วันที่รับรอง (กรณีเวียน)"))
    note = forms.CharField(max_length=500, required=False, label=_("กรรมการผู้รับรอง (กรณีเวียน)"))

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings


class LinkForm(forms.Form):
    email = forms.EmailField(
        required=False, label=_("อีเมลที่จะส่งลิงก์"), help_text=_("เว้นว่าง: ใช้อีเมลในทะเบียนของกรรมการ")
    )


class SheetsForm(forms.Form):
    seat = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class PaperConflictForm(forms.Form):
    """A conflict of interest the member declared on their signed paper sheet, recorded by the secretary."""

    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("เหตุผลที่กรรมการแจ้งไว้ในใบให้คะแนน"),
    )


ALL_DISTRICTS = "all"


class PresentationAddForm(forms.Form):
    """An exemplar presentation on a provincial committee meeting's agenda: one district, or all at once."""

    district = forms.ChoiceField(label=_("อำเภอ"))
    minutes = forms.IntegerField(min_value=1, max_value=240, initial=20, label=_("เวลานำเสนอต่ออำเภอ (นาที)"))
    starts_at = forms.TimeField(
        required=False,
        label=_("เวลาเริ่ม (เว้นว่าง: ต่อจากรายการก่อนหน้า)"),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(ALL_DISTRICTS, _("ทุกอำเภอที่มีต้นแบบ (เรียงตามรหัสอำเภอ)"))] + [
            (d.code, d.label) for d in districts
        ]


class PresentationForm(forms.Form):
    order = forms.IntegerField(min_value=1, max_value=99, label=_("ลำดับ"))
    starts_at = forms.TimeField(
        required=False, label=_("เวลาเริ่มนำเสนอ"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    minutes = forms.IntegerField(min_value=1, max_value=240, label=_("เวลานำเสนอ (นาที)"))
    remarks = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("ข้อคิดเห็นของคณะกรรมการ (บันทึกหลังการประชุม)"),
    )


class CommitteeRulesForm(forms.Form):
    """The committee's quorum rule and duties (printed in its appointment order)."""

    quorum_numerator = forms.IntegerField(min_value=1, max_value=99, label=_("องค์ประชุม: เศษ"))
    quorum_denominator = forms.IntegerField(
        min_value=1,
        max_value=99,
        label=_("องค์ประชุม: ส่วน"),
        help_text=_(
            "เช่น 1/2 คือไม่น้อยกว่ากึ่งหนึ่งของจำนวนกรรมการทั้งหมด (พ.ร.บ.วิธีปฏิบัติราชการทางปกครอง พ.ศ. 2539 มาตรา 79)"
        ),
    )
    quorum_minimum = forms.IntegerField(
        min_value=0,
        max_value=99,
        required=False,
        label=_("องค์ประชุมอย่างน้อย (คน)"),
        help_text=_("0 หรือเว้นว่าง: ไม่กำหนด"),
    )
    quorum_rule = forms.CharField(
        max_length=255,
        required=False,
        label=_("ที่มาของหลักเกณฑ์องค์ประชุม"),
        help_text=_("เว้นว่างเมื่อใช้ พ.ร.บ.วิธีปฏิบัติราชการทางปกครอง พ.ศ. 2539 มาตรา 79 (ไม่น้อยกว่ากึ่งหนึ่ง)"),
    )
    duties = forms.CharField(
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("อำนาจหน้าที่"),
        help_text=_("หนึ่งข้อต่อบรรทัด ใช้ในคำสั่งแต่งตั้ง เว้นว่าง: ใช้อำนาจหน้าที่ตามระดับของคณะกรรมการ"),
    )
