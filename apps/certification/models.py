"""Certificates (with an opaque public code for /verify/<code>/) and honours."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_public_code():
    return secrets.token_urlsafe(12)


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        readers = (scope.staff_province_ids | scope.national_province_ids | scope.committee_province_ids
                   | scope.subcommittee_province_ids)
        return self.filter(models.Q(year__province_id__in=readers) | models.Q(unit__district_id__in=scope.district_ids))

    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    year = models.ForeignKey("registry.ProgrammeYear", on_delete=models.PROTECT, related_name="certificates",
                             verbose_name=_("ปีงบประมาณ"))
    unit = models.ForeignKey("registry.Unit", on_delete=models.PROTECT, related_name="certificates",
                             verbose_name=_("หน่วยนับ"))
    enrolment = models.OneToOneField("registry.Enrolment", on_delete=models.PROTECT, related_name="certificate",
                                     verbose_name=_("การเข้าสู่ระบบประจำปี"))
    number = models.CharField(_("เลขที่ใบรับรอง"), max_length=80)
    seq = models.PositiveIntegerField(_("ลำดับ"))
    code = models.CharField(_("รหัสตรวจสอบ"), max_length=32, unique=True, default=new_public_code, editable=False)
    certified_on = models.DateField(_("วันที่รับรอง"))
    awarded_on = models.DateField(_("วันที่มอบ"), null=True, blank=True)
    valid_until = models.DateField(_("ใช้ได้ถึง"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("เพิกถอนเมื่อ"), null=True, blank=True)
    revoked_reason = models.TextField(_("เหตุผลการเพิกถอน"), blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("ใบรับรอง")
        verbose_name_plural = _("ใบรับรอง")
        ordering = ["-certified_on", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="certificate_seq_unique_per_year"),
            models.UniqueConstraint(fields=["year", "number"], name="certificate_number_unique_per_year"),
        ]

    def __str__(self):
        return self.number

    @property
    def scope_province_id(self):
        return self.year.province_id

    @property
    def scope_district_id(self):
        return self.unit.district_id


class Honour(models.Model):
    class Kind(models.TextChoices):
        CERTIFICATE_OF_HONOUR = "honour_certificate", _("เกียรติบัตร")
        CERTIFICATE = "certificate", _("ใบรับรอง")
        PIN = "pin", _("เข็มเชิดชูเกียรติ")
        PLAQUE = "plaque", _("โล่รางวัล")
        OTHER = "other", _("อื่น ๆ")

    unit = models.ForeignKey("registry.Unit", on_delete=models.CASCADE, related_name="honours",
                             verbose_name=_("หน่วยนับ"))
    year = models.ForeignKey("registry.ProgrammeYear", on_delete=models.PROTECT, related_name="honours",
                             verbose_name=_("ปีงบประมาณ"))
    kind = models.CharField(_("ประเภท"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("ชื่อรางวัล/เกียรติบัตร"), max_length=255)
    given_by = models.CharField(_("ผู้มอบ"), max_length=255)
    given_on = models.DateField(_("วันที่มอบ"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การเชิดชูเกียรติ")
        verbose_name_plural = _("การเชิดชูเกียรติ")
        ordering = ["-given_on"]

    def __str__(self):
        return self.title

    @property
    def scope_province_id(self):
        return self.year.province_id

    @property
    def scope_district_id(self):
        return self.unit.district_id
