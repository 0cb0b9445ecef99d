"""Certificates issued before the system (issue 20 item 5): the province's passers since 2547, imported from its
old spreadsheets. Each verifies on /verify/ as "ออกก่อนใช้ระบบ" with its year and shows on the unit's profile."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HistoricCertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        from apps.registry.models import Unit

        if user.scope.all_provinces:
            return self.all()
        return self.filter(unit__in=Unit.objects.visible_to(user))


class HistoricCertificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("ใช้ได้")
        EXPIRED = "expired", _("หมดอายุ")

    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("จังหวัด")
    )
    unit = models.ForeignKey(
        "registry.Unit",
        on_delete=models.PROTECT,
        related_name="historic_certificates",
        verbose_name=_("หน่วยนับ"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีที่ผ่านการรับรอง (พ.ศ.)"))
    number = models.CharField(_("เลขที่ใบรับรอง"), max_length=80)
    valid_until = models.DateField(_("ใช้ได้ถึง"), null=True, blank=True)
    code = models.CharField(_("รหัสตรวจสอบ"), max_length=32, unique=True, editable=False)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = HistoricCertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("ใบรับรองที่ออกก่อนใช้ระบบ")
        verbose_name_plural = _("ใบรับรองที่ออกก่อนใช้ระบบ")
        ordering = ["-fiscal_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "number"], name="historic_number_unique_per_province"
            ),
            models.UniqueConstraint(fields=["unit", "fiscal_year"], name="historic_one_per_unit_and_year"),
        ]

    def __str__(self):
        return self.number

    @property
    def scope_province_id(self):
        return self.province_id

    def status_on(self, today=None):
        today = today or timezone.localdate()
        if self.valid_until and self.valid_until < today:
            return self.Status.EXPIRED
        return self.Status.VALID
