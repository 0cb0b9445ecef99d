"""Programme years (calendar, deadlines, targets, sub-types) and the units with their yearly enrolments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.fieldcrypt import EncryptedCharField
from apps.core.thaidates import fiscal_year_bounds

from .enums import DeadlineKind, Outcome, Stage, TargetType
from .querysets import EnrolmentQuerySet, ProgrammeYearQuerySet, UnitQuerySet, YearChildQuerySet


class ProgrammeYear(models.Model):
    """ปีงบประมาณ of one province, named by the B.E. year it ends (FY 2570 = 1 Oct 2569 – 30 Sep 2570)."""

    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, related_name="programme_years", verbose_name=_("จังหวัด")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    is_open = models.BooleanField(_("เปิดดำเนินการ"), default=True)
    level_district = models.BooleanField(_("ประเมินระดับอำเภอ"), default=True)
    level_zone = models.BooleanField(_("ประเมินระดับโซนอำเภอ"), default=True)
    level_subcommittee = models.BooleanField(_("ประเมินโดยอนุกรรมการระดับจังหวัด"), default=False)
    level_committee = models.BooleanField(_("รับรองโดยคณะกรรมการจังหวัด"), default=True)
    certificate_pattern = models.CharField(
        _("รูปแบบเลขที่ใบรับรอง"),
        max_length=80,
        default="มชช.{province}/{year}/{seq:04d}",
        help_text=_("ใช้ {province} {year} {seq} เช่น มชช.{province}/{year}/{seq:04d}"),
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProgrammeYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("ปีงบประมาณ มชช.")
        verbose_name_plural = _("ปีงบประมาณ มชช.")
        ordering = ["province_id", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fiscal_year"], name="one_programme_year_per_province"
            ),
        ]

    def __str__(self):
        return f"มชช. ปี {self.fiscal_year} · {self.province}"

    @property
    def scope_province_id(self):
        return self.province_id

    @property
    def bounds(self):
        return fiscal_year_bounds(self.fiscal_year)

    @property
    def levels(self):
        from .enums import LEVEL_ORDER

        return [lv for lv in LEVEL_ORDER if getattr(self, f"level_{lv.value}")]


class StagePeriod(models.Model):
    year = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="stage_periods")
    stage = models.PositiveSmallIntegerField(_("ขั้นตอน"), choices=Stage.choices)
    starts_on = models.DateField(_("เริ่ม"))
    ends_on = models.DateField(_("สิ้นสุด"))

    objects = YearChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("ช่วงเวลาของขั้นตอน")
        verbose_name_plural = _("ปฏิทินขั้นตอน")
        ordering = ["year_id", "stage"]
        constraints = [models.UniqueConstraint(fields=["year", "stage"], name="one_period_per_stage")]

    def __str__(self):
        return f"{self.get_stage_display()} {self.year.fiscal_year}"


class Deadline(models.Model):
    year = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("รายงาน"), max_length=30, choices=DeadlineKind.choices)
    due_on = models.DateField(_("กำหนดส่ง"))
    note = models.CharField(_("หมายเหตุ"), max_length=255, blank=True)

    objects = YearChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("กำหนดส่งรายงาน")
        verbose_name_plural = _("กำหนดส่งรายงาน")
        ordering = ["year_id", "due_on"]
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="one_deadline_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_on}"

    @property
    def scope_province_id(self):
        return self.year.province_id


class SubType(models.Model):
    """Eligible sub-types per year and target type (guideline 1.1 for FY 2559; other years differ)."""

    year = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="sub_types")
    target_type = models.CharField(_("ประเภท"), max_length=20, choices=TargetType.choices)
    name = models.CharField(_("ชื่อประเภทย่อย"), max_length=150)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    objects = YearChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("ประเภทย่อย")
        verbose_name_plural = _("ประเภทย่อย")
        ordering = ["year_id", "target_type", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["year", "target_type", "name"], name="subtype_unique")]

    def __str__(self):
        return self.name


class DistrictTarget(models.Model):
    """The district proposes, the province confirms (guideline 1.2: at least one unit per type)."""

    year = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="targets")
    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, related_name="targets")
    target_type = models.CharField(_("ประเภท"), max_length=20, choices=TargetType.choices)
    target = models.PositiveSmallIntegerField(_("เป้าหมาย (หน่วยนับ)"), default=1)
    confirmed = models.BooleanField(_("จังหวัดยืนยันแล้ว"), default=False)

    objects = YearChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("เป้าหมายอำเภอ")
        verbose_name_plural = _("เป้าหมายอำเภอ")
        ordering = ["year_id", "district_id", "target_type"]
        constraints = [
            models.UniqueConstraint(fields=["year", "district", "target_type"], name="one_target_per_type"),
            models.CheckConstraint(condition=models.Q(target__gte=1), name="target_at_least_one"),
        ]

    def __str__(self):
        return f"{self.district_id} {self.target_type}: {self.target}"

    @property
    def scope_province_id(self):
        return self.district_id[:2]

    @property
    def scope_district_id(self):
        return self.district_id


class Unit(models.Model):
    """หน่วยนับ: a leader, group, network or community that lives across years."""

    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, related_name="units", verbose_name=_("อำเภอ")
    )
    subdistrict = models.ForeignKey(
        "geo.Subdistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("ตำบล"),
    )
    village = models.ForeignKey(
        "geo.Village",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("หมู่บ้าน"),
    )
    target_type = models.CharField(_("ประเภท"), max_length=20, choices=TargetType.choices)
    sub_type = models.CharField(_("ประเภทย่อย"), max_length=150, blank=True)
    name = models.CharField(_("ชื่อ"), max_length=255, help_text=_("ชื่อกลุ่ม เครือข่าย ชุมชน หรือชื่อ-สกุลของผู้นำ"))
    # leader
    title = models.CharField(_("คำนำหน้า"), max_length=30, blank=True)
    first_name = models.CharField(_("ชื่อ"), max_length=100, blank=True)
    last_name = models.CharField(_("นามสกุล"), max_length=100, blank=True)
    position = models.CharField(_("ตำแหน่ง"), max_length=150, blank=True)
    # sealed at rest (AES-GCM, key id kept with the value); looked up by its keyed hash (apps.core.fieldcrypt)
    national_id = EncryptedCharField(
        _("เลขประจำตัวประชาชน"), blank=True, purpose="national_id", hash_field="national_id_hash"
    )
    national_id_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    address = models.CharField(_("ที่อยู่"), max_length=255, blank=True)
    # group / network / community
    founded_on = models.DateField(_("วันที่ก่อตั้ง"), null=True, blank=True)
    active_since = models.DateField(
        _("อยู่ในชุมชน/ดำรงตำแหน่งตั้งแต่"),
        null=True,
        blank=True,
        help_text=_("ผู้นำ: วันที่เริ่มเป็นผู้นำในชุมชน ใช้ตรวจคุณสมบัติ (อย่างน้อย 1 ปี)"),
    )
    members_count = models.PositiveIntegerField(_("จำนวนสมาชิก"), null=True, blank=True)
    coordinator = models.CharField(_("ผู้ประสานงาน/ประธาน"), max_length=150, blank=True)
    households = models.PositiveIntegerField(_("จำนวนครัวเรือน"), null=True, blank=True)
    description = models.TextField(_("กิจกรรม/ผลงานโดยสรุป"), blank=True)
    consent_given_by = models.CharField(_("ผู้ให้ความยินยอม (PDPA)"), max_length=150, blank=True)
    consent_at = models.DateTimeField(_("วันที่ให้ความยินยอม"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้บันทึกความยินยอม"),
    )
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("หน่วยนับ")
        verbose_name_plural = _("หน่วยนับ")
        ordering = ["district_id", "target_type", "name"]
        indexes = [models.Index(fields=["district", "target_type"])]

    def __str__(self):
        return self.name

    @property
    def scope_province_id(self):
        return self.district_id[:2]

    @property
    def scope_district_id(self):
        return self.district_id

    def clean(self):
        if self.subdistrict_id and not self.subdistrict_id.startswith(self.district_id or "-"):
            raise ValidationError({"subdistrict": _("ตำบลนี้ไม่อยู่ในอำเภอที่เลือก")})

    @property
    def is_leader(self):
        return self.target_type == TargetType.LEADER

    @property
    def public_names(self):
        """The names a public text about this unit may hold (DESIGN §2): its own public name and, for a leader,
        the leader's name with or without the title. Anyone else's name is personal data (apps.core.privacy)."""
        names = [self.name]
        if self.is_leader and self.first_name:
            full = f"{self.first_name} {self.last_name}".strip()
            names += [full, f"{self.title}{full}" if self.title else full]
        return tuple(n for n in names if n)

    @property
    def masked_national_id(self):
        from .thaiid import mask

        return mask(self.national_id)


class Enrolment(models.Model):
    """การเข้าสู่ระบบประจำปี: a unit in one programme year, its stage and outcome."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("หน่วยนับ")
    )
    year = models.ForeignKey(
        ProgrammeYear, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("ปีงบประมาณ")
    )
    stage = models.PositiveSmallIntegerField(_("ขั้นตอน"), choices=Stage.choices, default=Stage.RECRUITMENT)
    outcome = models.CharField(_("ผล"), max_length=20, choices=Outcome.choices, default=Outcome.IN_PROGRESS)
    carried_over = models.BooleanField(_("ต่อเนื่องจากปีก่อน"), default=False)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next",
        verbose_name=_("การเข้าสู่ระบบปีก่อน"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentored_enrolments",
        verbose_name=_("พัฒนากรผู้รับผิดชอบ"),
    )
    enrolled_on = models.DateField(_("วันที่สมัคร"), null=True, blank=True)
    warnings_confirmed = models.JSONField(_("คำเตือนคุณสมบัติที่ยืนยันแล้ว"), default=list, blank=True)
    withdrawn_reason = models.CharField(_("เหตุผลการถอนตัว"), max_length=255, blank=True)
    stage_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("การเข้าสู่ระบบประจำปี")
        verbose_name_plural = _("การเข้าสู่ระบบประจำปี")
        ordering = ["year_id", "unit__district_id", "unit__target_type", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_enrolment_per_year")]
        indexes = [models.Index(fields=["year", "stage"]), models.Index(fields=["year", "outcome"])]

    def __str__(self):
        return f"{self.unit} ({self.year.fiscal_year})"

    @property
    def scope_province_id(self):
        return self.year.province_id

    @property
    def scope_district_id(self):
        return self.unit.district_id


class PhotoQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(
            models.Q(district__province_id__in=scope.staff_province_ids | scope.national_province_ids)
            | models.Q(district_id__in=scope.district_ids | scope.district_committee_ids)
        )

    def public(self):
        return self.filter(is_public=True)


class Photo(models.Model):
    """A photo of stage work (guideline 2.7.3: photos of stages 1–5), of a unit or of the district's work."""

    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, related_name="photos", verbose_name=_("อำเภอ")
    )
    year = models.ForeignKey(
        ProgrammeYear, on_delete=models.PROTECT, related_name="photos", verbose_name=_("ปีงบประมาณ")
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="photos", verbose_name=_("หน่วยนับ")
    )
    stage = models.PositiveSmallIntegerField(_("ขั้นตอน"), choices=Stage.choices)
    image = models.ImageField(_("รูปภาพ"), upload_to="photos/%Y/%m/")
    # The small copy list pages show (apps/registry/images.py); blank for a photo saved before thumbnails existed,
    # until the thumbnail view makes it once (services_stage1.ensure_thumbnail).
    thumbnail = models.ImageField(_("ภาพย่อ"), upload_to="photos/thumbs/%Y/%m/", blank=True, editable=False)
    thumb_width = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    thumb_height = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(_("คำบรรยายภาพ"), max_length=255)
    taken_on = models.DateField(_("วันที่ถ่าย"), null=True, blank=True)
    is_public = models.BooleanField(_("เผยแพร่สาธารณะได้"), default=False)
    # Chosen by the district for its report and the province's annual summary (at most
    # settings.REPORT_PHOTOS_PER_STAGE per stage of a unit), printed in report_order.
    in_report = models.BooleanField(_("ใช้ในรายงาน"), default=False)
    report_order = models.PositiveSmallIntegerField(_("ลำดับในรายงาน"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The id the field app gave the photo while offline: a retried upload finds the photo it already saved.
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("ภาพกิจกรรม")
        verbose_name_plural = _("ภาพกิจกรรม")
        ordering = ["-taken_on", "-created_at"]
        indexes = [models.Index(fields=["year", "district", "stage"], name="photo_year_district_stage")]

    def __str__(self):
        return self.caption

    @property
    def scope_province_id(self):
        return self.district_id[:2]

    @property
    def scope_district_id(self):
        return self.district_id


from .models_privacy import Consent, DataRequest, RetentionPeriod, RetentionReview  # noqa: E402,F401
from .models_stage1 import Partner, PreparationRecord  # noqa: E402,F401
