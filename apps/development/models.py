"""Standards catalogue (StandardSet → Component → Indicator), self-assessments, plans and supervision visits.
Models are thin: every change goes through apps.development.services."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.registry.enums import TargetType

from .enums import Combine, PlanStatus, Progress, VisitKind
from .querysets import EnrolmentChildQuerySet, StandardChildQuerySet, StandardSetQuerySet


class StandardSet(models.Model):
    year = models.ForeignKey(
        "registry.ProgrammeYear",
        on_delete=models.CASCADE,
        related_name="standard_sets",
        verbose_name=_("ปีงบประมาณ"),
    )
    target_type = models.CharField(_("ประเภท"), max_length=20, choices=TargetType.choices)
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    title = models.CharField(_("ชื่อชุดมาตรฐาน"), max_length=255)
    is_demo = models.BooleanField(
        _("ตัวอย่างเพื่อสาธิต (ไม่ใช่ตัวชี้วัดทางการ)"),
        default=False,
    )
    require_mandatory = models.BooleanField(_("ต้องผ่านตัวชี้วัดบังคับทุกข้อ"), default=True)
    min_percent = models.DecimalField(
        _("คะแนนรวมขั้นต่ำ (%)"), max_digits=5, decimal_places=2, null=True, blank=True, default=Decimal("60")
    )
    combine = models.CharField(_("การรวมเงื่อนไข"), max_length=3, choices=Combine.choices, default=Combine.AND)
    is_published = models.BooleanField(_("ใช้งาน"), default=True)
    source = models.CharField(_("ที่มา/เอกสารอ้างอิง"), max_length=255, blank=True)
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ปรับปรุงจากฉบับ"),
    )
    # The centre's catalogue version this set was adopted from (None: the province's own set). Its indicators
    # that carry `national_source` are the centre's and stay as published; the others are the province's.
    national = models.ForeignKey(
        "NationalCatalogue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("รับจากมาตรฐานส่วนกลาง"),
    )
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StandardSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("ชุดมาตรฐาน")
        verbose_name_plural = _("ชุดมาตรฐาน")
        ordering = ["year_id", "target_type", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "target_type", "version"], name="standard_set_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.get_target_type_display()} ฉบับที่ {self.version})"

    @property
    def scope_province_id(self):
        return self.year.province_id


class Component(models.Model):
    standard_set = models.ForeignKey(StandardSet, on_delete=models.CASCADE, related_name="components")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    name = models.CharField(_("ด้าน"), max_length=255)

    objects = StandardChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("ด้าน")
        verbose_name_plural = _("ด้าน")
        ordering = ["standard_set_id", "order"]

    def __str__(self):
        return self.name

    @property
    def scope_province_id(self):
        return self.standard_set.year.province_id


class IndicatorSpec(models.Model):
    """What an indicator says and how it is scored: shared by a province's Indicator and the centre's
    NationalIndicator (adoption copies these fields)."""

    # the fields an indicator's form edits and adoption copies, in the order the forms show them
    SPEC_FIELDS = [
        "order",
        "code",
        "text",
        "evidence_hint",
        "scale",
        "max_score",
        "pass_score",
        "weight",
        "mandatory",
    ]

    class Scale(models.TextChoices):
        PASS_FAIL = "pass_fail", _("ผ่าน/ไม่ผ่าน")
        SCORE = "score", _("ให้คะแนน")

    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    code = models.CharField(_("รหัส"), max_length=20)
    text = models.TextField(_("ตัวชี้วัด"))
    evidence_hint = models.TextField(_("หลักฐาน/ข้อมูลประกอบ"), blank=True)
    scale = models.CharField(_("วิธีให้คะแนน"), max_length=10, choices=Scale.choices, default=Scale.SCORE)
    max_score = models.PositiveSmallIntegerField(_("คะแนนเต็ม"), default=5)
    pass_score = models.PositiveSmallIntegerField(
        _("คะแนนที่ถือว่าผ่าน"), default=3, help_text=_("ใช้กับตัวชี้วัดแบบให้คะแนน: ได้คะแนนเท่านี้ขึ้นไปถือว่าผ่าน")
    )
    weight = models.DecimalField(_("น้ำหนัก (%)"), max_digits=5, decimal_places=2, default=Decimal("0"))
    mandatory = models.BooleanField(_("ตัวชี้วัดบังคับ"), default=False)

    class Meta:
        abstract = True

    @property
    def top(self):
        return 1 if self.scale == self.Scale.PASS_FAIL else self.max_score


class Indicator(IndicatorSpec):
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="indicators")
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    # Set on the indicators a province took from the centre's catalogue (adopt): they may not be changed here.
    national_source = models.ForeignKey(
        "NationalIndicator",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_as",
        verbose_name=_("ตัวชี้วัดส่วนกลาง"),
    )

    objects = StandardChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")
        ordering = ["component__order", "order"]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"

    @property
    def is_national(self):
        return self.national_source_id is not None

    def is_met(self, score):
        """Did `score` pass this indicator? None (not answered) never passes. A committee's score is the mean
        of its members' scores: on a pass/fail indicator that is the share who said "met" (0–1), and the
        indicator is met when more than half of them did (a unit's own 0 or 1 reads as before)."""
        if score is None:
            return False
        n = Decimal(int(score)) if isinstance(score, bool) else Decimal(str(score))
        if self.scale == self.Scale.PASS_FAIL:
            return n * 2 > 1
        return n >= self.pass_score


class NationalCatalogue(models.Model):
    """The centre's standards catalogue of one target type and fiscal year (B.E.), versioned. Owned by no
    province: national staff draft it, publish it (then it is frozen: a change is a new version that copies
    it) and provinces adopt a published version into their year's StandardSet (services.national)."""

    target_type = models.CharField(_("ประเภท"), max_length=20, choices=TargetType.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    title = models.CharField(_("ชื่อชุดมาตรฐาน"), max_length=255)
    is_demo = models.BooleanField(_("ตัวอย่างเพื่อสาธิต (ไม่ใช่ตัวชี้วัดทางการ)"), default=False)
    require_mandatory = models.BooleanField(_("ต้องผ่านตัวชี้วัดบังคับทุกข้อ"), default=True)
    min_percent = models.DecimalField(
        _("คะแนนรวมขั้นต่ำ (%)"), max_digits=5, decimal_places=2, null=True, blank=True, default=Decimal("60")
    )
    combine = models.CharField(_("การรวมเงื่อนไข"), max_length=3, choices=Combine.choices, default=Combine.AND)
    source = models.CharField(_("ที่มา/เอกสารอ้างอิง"), max_length=255, blank=True)
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ปรับปรุงจากฉบับ"),
    )
    published_at = models.DateTimeField(_("วันที่ประกาศใช้"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("มาตรฐานส่วนกลาง")
        verbose_name_plural = _("มาตรฐานส่วนกลาง")
        ordering = ["-fiscal_year", "target_type", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "fiscal_year", "version"], name="national_catalogue_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.get_target_type_display()} {self.fiscal_year} ฉบับที่ {self.version})"

    @property
    def is_published(self):
        return self.published_at is not None


class NationalIndicator(IndicatorSpec):
    """An indicator of the centre's catalogue; its component (ด้าน) is named on the row (order + name), as in
    the xlsx sheet, and becomes a Component of the province's set on adoption."""

    catalogue = models.ForeignKey(NationalCatalogue, on_delete=models.CASCADE, related_name="indicators")
    component_order = models.PositiveSmallIntegerField(_("ลำดับด้าน"), default=1)
    component_name = models.CharField(_("ด้าน"), max_length=255)

    class Meta:
        verbose_name = _("ตัวชี้วัดส่วนกลาง")
        verbose_name_plural = _("ตัวชี้วัดส่วนกลาง")
        ordering = ["component_order", "order", "pk"]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"


class SelfAssessment(models.Model):
    """แบบประเมินตนเอง: one per enrolment, against the standard set in force when it started."""

    enrolment = models.OneToOneField(
        "registry.Enrolment",
        on_delete=models.CASCADE,
        related_name="self_assessment",
        verbose_name=_("หน่วยนับ"),
    )
    standard_set = models.ForeignKey(
        StandardSet, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("ชุดมาตรฐาน")
    )
    assessed_on = models.DateField(_("วันที่ประเมิน"), null=True, blank=True)
    participants = models.CharField(_("ผู้ร่วมประเมิน"), max_length=255, blank=True)
    note = models.TextField(_("ข้อสังเกต"), blank=True)
    percent = models.DecimalField(_("คะแนนรวม (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("ผ่านเกณฑ์"), null=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EnrolmentChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("การประเมินตนเอง")
        verbose_name_plural = _("การประเมินตนเอง")

    def __str__(self):
        return f"ประเมินตนเอง {self.enrolment}"

    @property
    def scope_province_id(self):
        return self.enrolment.year.province_id

    @property
    def scope_district_id(self):
        return self.enrolment.unit.district_id


class Answer(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: an indicator that has answers can never be deleted, only retired (is_active=False).
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="answers")
    score = models.DecimalField(_("คะแนน"), max_digits=5, decimal_places=2, null=True, blank=True)
    evidence_note = models.TextField(_("หลักฐาน/คำอธิบาย"), blank=True)

    class Meta:
        verbose_name = _("คำตอบ")
        verbose_name_plural = _("คำตอบ")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="one_answer_per_indicator")
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.score}"


class CommunityIndicator(models.Model):
    """A unit's own indicator (the community sets its own measures); not part of the official result."""

    enrolment = models.ForeignKey(
        "registry.Enrolment", on_delete=models.CASCADE, related_name="community_indicators"
    )
    text = models.CharField(_("ตัวชี้วัดของชุมชน"), max_length=255)
    target = models.CharField(_("เป้าหมาย"), max_length=255, blank=True)
    met = models.BooleanField(_("บรรลุแล้ว"), null=True, blank=True)
    note = models.CharField(_("หมายเหตุ"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("ตัวชี้วัดของชุมชน")
        verbose_name_plural = _("ตัวชี้วัดของชุมชน")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class EvidenceFile(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="files")
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("ตัวชี้วัด")
    )
    title = models.CharField(_("ชื่อเอกสาร"), max_length=255)
    file = models.FileField(_("ไฟล์"), upload_to="evidence/%Y/%m/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("หลักฐานประกอบ")
        verbose_name_plural = _("หลักฐานประกอบ")
        ordering = ["created_at"]

    def __str__(self):
        return self.title


class Plan(models.Model):
    """แผนพัฒนาตนเอง of one enrolment: draft → submitted by the district."""

    enrolment = models.OneToOneField(
        "registry.Enrolment", on_delete=models.CASCADE, related_name="plan", verbose_name=_("หน่วยนับ")
    )
    status = models.CharField(_("สถานะ"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    summary = models.TextField(_("สภาพปัญหาและแนวทางพัฒนา"), blank=True)
    submitted_at = models.DateTimeField(_("วันที่ส่ง"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("แผนพัฒนาตนเอง")
        verbose_name_plural = _("แผนพัฒนาตนเอง")

    def __str__(self):
        return f"แผนพัฒนาตนเอง {self.enrolment}"

    @property
    def scope_province_id(self):
        return self.enrolment.year.province_id

    @property
    def scope_district_id(self):
        return self.enrolment.unit.district_id

    @property
    def is_draft(self):
        return self.status == PlanStatus.DRAFT


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    text = models.CharField(_("เป้าหมายการพัฒนา"), max_length=255)

    class Meta:
        verbose_name = _("เป้าหมาย")
        verbose_name_plural = _("เป้าหมาย")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class Activity(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("เป้าหมาย"),
    )
    what = models.CharField(_("กิจกรรม"), max_length=255)
    starts_on = models.DateField(_("เริ่ม"))
    ends_on = models.DateField(_("สิ้นสุด"))
    who = models.CharField(_("ผู้รับผิดชอบ"), max_length=255)
    partner = models.CharField(_("ภาคีการพัฒนา"), max_length=255, blank=True)
    budget = models.DecimalField(_("งบประมาณ (บาท)"), max_digits=12, decimal_places=2, default=Decimal("0"))
    budget_source = models.CharField(_("แหล่งงบประมาณ"), max_length=255, blank=True)
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="activities", verbose_name=_("ตัวชี้วัดที่พัฒนา")
    )
    progress = models.CharField(
        _("ความก้าวหน้า"), max_length=10, choices=Progress.choices, default=Progress.PENDING
    )
    progress_note = models.TextField(_("ผลการดำเนินงาน"), blank=True)
    progress_at = models.DateTimeField(null=True, blank=True)
    photos = models.ManyToManyField("registry.Photo", blank=True, related_name="+")

    class Meta:
        verbose_name = _("กิจกรรม")
        verbose_name_plural = _("กิจกรรม")
        ordering = ["starts_on", "pk"]

    def __str__(self):
        return self.what


class Visit(models.Model):
    """ติดตามนิเทศ or a learning event of one enrolled unit (guideline 2.6)."""

    enrolment = models.ForeignKey(
        "registry.Enrolment", on_delete=models.CASCADE, related_name="visits", verbose_name=_("หน่วยนับ")
    )
    kind = models.CharField(_("ประเภท"), max_length=10, choices=VisitKind.choices, default=VisitKind.VISIT)
    visited_on = models.DateField(_("วันที่"))
    visitors = models.CharField(_("ผู้ติดตาม/ผู้ร่วม"), max_length=255)
    learned = models.TextField(_("สิ่งที่ได้เรียนรู้"), blank=True)
    advice = models.TextField(_("ข้อแนะนำ"), blank=True)
    next_step = models.TextField(_("สิ่งที่จะทำต่อไป"), blank=True)
    photos = models.ManyToManyField("registry.Photo", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The id the field app gave the entry while offline: a retried upload finds the visit it already made.
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = EnrolmentChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("การติดตามนิเทศ")
        verbose_name_plural = _("การติดตามนิเทศ")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["enrolment", "-visited_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.enrolment} {self.visited_on}"

    @property
    def scope_province_id(self):
        return self.enrolment.year.province_id

    @property
    def scope_district_id(self):
        return self.enrolment.unit.district_id
