"""Standards catalogue: StandardSet (year, target type, version) → Component (ด้าน) → Indicator."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.registry.enums import TargetType


class StandardSetQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(year__province_id__in=scope.readable_province_ids)


class StandardSet(models.Model):
    year = models.ForeignKey("registry.ProgrammeYear", on_delete=models.CASCADE, related_name="standard_sets",
                             verbose_name=_("ปีงบประมาณ"))
    target_type = models.CharField(_("ประเภท"), max_length=20, choices=TargetType.choices)
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    title = models.CharField(_("ชื่อชุดมาตรฐาน"), max_length=255)
    is_demo = models.BooleanField(
        _("ตัวอย่างเพื่อสาธิต (ไม่ใช่ตัวชี้วัดทางการ)"), default=False,
    )
    require_mandatory = models.BooleanField(_("ต้องผ่านตัวชี้วัดบังคับทุกข้อ"), default=True)
    min_percent = models.DecimalField(_("คะแนนรวมขั้นต่ำ (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
                                      default=Decimal("60"))
    is_published = models.BooleanField(_("ใช้งาน"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StandardSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("ชุดมาตรฐาน")
        verbose_name_plural = _("ชุดมาตรฐาน")
        ordering = ["year_id", "target_type", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "target_type", "version"], name="standard_set_version_unique")
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

    class Meta:
        verbose_name = _("ด้าน")
        verbose_name_plural = _("ด้าน")
        ordering = ["standard_set_id", "order"]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    class Scale(models.TextChoices):
        PASS_FAIL = "pass_fail", _("ผ่าน/ไม่ผ่าน")
        SCORE = "score", _("ให้คะแนน")

    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    code = models.CharField(_("รหัส"), max_length=20)
    text = models.TextField(_("ตัวชี้วัด"))
    evidence_hint = models.TextField(_("หลักฐาน/ข้อมูลประกอบ"), blank=True)
    scale = models.CharField(_("วิธีให้คะแนน"), max_length=10, choices=Scale.choices, default=Scale.SCORE)
    max_score = models.PositiveSmallIntegerField(_("คะแนนเต็ม"), default=5)
    weight = models.DecimalField(_("น้ำหนัก (%)"), max_digits=5, decimal_places=2, default=Decimal("0"))
    mandatory = models.BooleanField(_("ตัวชี้วัดบังคับ"), default=False)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    class Meta:
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")
        ordering = ["component__order", "order"]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"
