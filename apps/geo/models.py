"""Official areas (DOPA codes from geothai) and the per-year district zones of a province."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .querysets import DistrictQuerySet, ProvinceQuerySet, VillageQuerySet, ZoneQuerySet


class Province(models.Model):
    code = models.CharField(_("รหัส"), max_length=2, primary_key=True)
    name_th = models.CharField(_("ชื่อ"), max_length=100)
    name_en = models.CharField(_("ชื่ออังกฤษ"), max_length=100, blank=True)
    abbr = models.CharField(
        _("อักษรย่อจังหวัด"), max_length=4, blank=True, help_text=_("อักษรย่อทางราชการ เช่น พล สำหรับพิษณุโลก")
    )

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("จังหวัด")
        verbose_name_plural = _("จังหวัด")
        ordering = ["name_th"]

    def __str__(self):
        return self.name_th


class District(models.Model):
    code = models.CharField(_("รหัส"), max_length=4, primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("จังหวัด")
    )
    name_th = models.CharField(_("ชื่อ"), max_length=100)
    name_en = models.CharField(_("ชื่ออังกฤษ"), max_length=100, blank=True)

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("อำเภอ")
        verbose_name_plural = _("อำเภอ")
        ordering = ["code"]

    def __str__(self):
        return self.name_th

    @property
    def scope_province_id(self):
        return self.province_id

    @property
    def scope_district_id(self):
        return self.code

    @property
    def label(self):
        return f"อำเภอ{self.name_th}" if not self.name_th.startswith("เขต") else self.name_th


class Subdistrict(models.Model):
    code = models.CharField(_("รหัส"), max_length=6, primary_key=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="subdistricts", verbose_name=_("อำเภอ")
    )
    name_th = models.CharField(_("ชื่อ"), max_length=100)
    name_en = models.CharField(_("ชื่ออังกฤษ"), max_length=100, blank=True)
    postal_code = models.CharField(_("รหัสไปรษณีย์"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("ตำบล")
        verbose_name_plural = _("ตำบล")
        ordering = ["code"]

    def __str__(self):
        return self.name_th


class Village(models.Model):
    """หมู่บ้าน: no official dataset here, each district keeps its own list (DESIGN §7)."""

    subdistrict = models.ForeignKey(
        Subdistrict, on_delete=models.PROTECT, related_name="villages", verbose_name=_("ตำบล")
    )
    moo = models.PositiveSmallIntegerField(_("หมู่ที่"))
    name = models.CharField(_("ชื่อหมู่บ้าน"), max_length=150)
    is_model_village = models.BooleanField(_("หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ"), default=False)

    objects = VillageQuerySet.as_manager()

    class Meta:
        verbose_name = _("หมู่บ้าน")
        verbose_name_plural = _("หมู่บ้าน")
        ordering = ["subdistrict_id", "moo"]
        constraints = [models.UniqueConstraint(fields=["subdistrict", "moo"], name="village_unique_moo")]

    def __str__(self):
        return f"หมู่ที่ {self.moo} บ้าน{self.name}"

    @property
    def scope_district_id(self):
        return self.subdistrict_id[:4]

    @property
    def scope_province_id(self):
        return self.subdistrict_id[:2]


class Zone(models.Model):
    """โซนอำเภอ: a grouping of districts of one province for one fiscal year (B.E.)."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="zones", verbose_name=_("จังหวัด")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    name = models.CharField(_("ชื่อโซน"), max_length=100)
    districts = models.ManyToManyField(
        District, through="ZoneMembership", related_name="zones", verbose_name=_("อำเภอ")
    )

    objects = ZoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("โซนอำเภอ")
        verbose_name_plural = _("โซนอำเภอ")
        ordering = ["province_id", "fiscal_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "fiscal_year", "name"], name="zone_unique_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.fiscal_year})"

    @property
    def scope_province_id(self):
        return self.province_id


class ZoneMembership(models.Model):
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="memberships")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="zone_memberships")
    # Copied from the zone so the database itself refuses a district in two zones of one year.
    fiscal_year = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district", "fiscal_year"], name="district_one_zone_per_year"),
        ]

    def __str__(self):
        return f"{self.zone} — {self.district_id}"

    def save(self, *args, **kwargs):
        self.fiscal_year = self.zone.fiscal_year
        super().save(*args, **kwargs)

    def clean(self):
        if self.district.province_id != self.zone.province_id:
            raise ValidationError(_("อำเภอนี้ไม่อยู่ในจังหวัดของโซน"))
