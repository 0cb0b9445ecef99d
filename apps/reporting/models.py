"""Submissions of each district to the province, per year and report kind (guideline 2.7)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.registry.enums import DeadlineKind


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว รอตรวจ")
    ACCEPTED = "accepted", _("จังหวัดรับแล้ว")
    RETURNED = "returned", _("ส่งกลับให้แก้ไข")


EDITABLE = {SubmissionState.DRAFT, SubmissionState.RETURNED}
DELIVERED = {SubmissionState.SUBMITTED, SubmissionState.ACCEPTED}


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(
            models.Q(year__province_id__in=scope.staff_province_ids | scope.national_province_ids)
            | models.Q(district_id__in=scope.district_ids)
        )


class Submission(models.Model):
    year = models.ForeignKey(
        "registry.ProgrammeYear",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("ปีงบประมาณ"),
    )
    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, related_name="submissions", verbose_name=_("อำเภอ")
    )
    kind = models.CharField(_("รายงาน"), max_length=30, choices=DeadlineKind.choices)
    state = models.CharField(
        _("สถานะ"), max_length=12, choices=SubmissionState.choices, default=SubmissionState.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("ครั้งที่ส่ง"), default=0)
    submitted_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("ตรวจเมื่อ"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("เหตุผลที่ส่งกลับ"), blank=True)
    note = models.TextField(_("หมายเหตุจากอำเภอ"), blank=True)
    snapshot = models.JSONField(_("ข้อมูลที่ส่ง"), null=True, blank=True)
    pdf = models.ForeignKey(
        "core.GeneratedFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline = models.ForeignKey(
        "registry.Deadline",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        verbose_name=_("กำหนดส่ง"),
    )
    first_submitted_at = models.DateTimeField(_("ส่งครั้งแรกเมื่อ"), null=True, blank=True)
    days_late = models.PositiveSmallIntegerField(_("ส่งช้ากว่ากำหนด (วัน)"), default=0)
    returned_at = models.DateTimeField(_("ส่งกลับเมื่อ"), null=True, blank=True)
    snapshot_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("รายงานถึงจังหวัด")
        verbose_name_plural = _("รายงานถึงจังหวัด")
        ordering = ["year_id", "district_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["year", "district", "kind"], name="one_submission_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.district} · {self.year.fiscal_year}"

    @property
    def scope_province_id(self):
        return self.district_id[:2]

    @property
    def is_delivered(self):
        return self.state in DELIVERED

    @property
    def is_editable(self):
        return self.state in EDITABLE

    @property
    def is_late(self):
        return self.days_late > 0

    @property
    def scope_district_id(self):
        return self.district_id
