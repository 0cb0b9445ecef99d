"""Stage 1 (ขั้นเตรียมการ) records of a district-year: meetings, local guideline, publicity, partners."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import PartnerKind, PrepKind


class DistrictYearQuerySet(models.QuerySet):
    """Objects of one district and year: the district's own people and the province's readers see them."""

    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(
            models.Q(district__province_id__in=scope.staff_province_ids | scope.national_province_ids)
            | models.Q(district_id__in=scope.district_ids | scope.district_committee_ids)
        )


class DistrictYearMixin(models.Model):
    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("อำเภอ")
    )
    year = models.ForeignKey(
        "registry.ProgrammeYear", on_delete=models.PROTECT, related_name="+", verbose_name=_("ปีงบประมาณ")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DistrictYearQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def scope_province_id(self):
        return self.district_id[:2]

    @property
    def scope_district_id(self):
        return self.district_id


class PreparationRecord(DistrictYearMixin):
    """One piece of stage 1 work: a briefing, a district committee meeting, the local guideline, publicity."""

    kind = models.CharField(_("งาน"), max_length=30, choices=PrepKind.choices)
    title = models.CharField(_("เรื่อง"), max_length=255)
    held_on = models.DateField(_("วันที่"))
    place = models.CharField(_("สถานที่/ช่องทาง"), max_length=255, blank=True)
    attendees = models.TextField(_("ผู้เข้าร่วม"), blank=True, help_text=_("รายชื่อหรือหน่วยงาน บรรทัดละหนึ่งรายการ"))
    attendees_count = models.PositiveIntegerField(_("จำนวนผู้เข้าร่วม"), null=True, blank=True)
    resolutions = models.TextField(_("มติ/สาระสำคัญ"), blank=True)
    file = models.FileField(_("ไฟล์แนบ (รายงานการประชุม/เอกสาร)"), upload_to="stage1/%Y/", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The id the field app gave the note while offline: a retried upload finds the record it already made.
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("งานขั้นเตรียมการ")
        verbose_name_plural = _("งานขั้นเตรียมการ")
        ordering = ["year_id", "district_id", "held_on", "pk"]
        indexes = [models.Index(fields=["year", "district"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class Partner(DistrictYearMixin):
    """A development partner or a network of units already certified, found in stage 1 (guideline 2.3, 2.6)."""

    kind = models.CharField(_("ประเภทภาคี"), max_length=20, choices=PartnerKind.choices)
    name = models.CharField(_("ชื่อภาคี/หน่วยงาน"), max_length=255)
    contact = models.CharField(_("ผู้ประสานงาน/ติดต่อ"), max_length=255, blank=True)
    support = models.TextField(_("การสนับสนุน"), blank=True)

    class Meta:
        verbose_name = _("ภาคีการพัฒนา")
        verbose_name_plural = _("ภาคีการพัฒนา")
        ordering = ["year_id", "district_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "district", "name"], name="partner_unique_name")
        ]

    def __str__(self):
        return self.name
