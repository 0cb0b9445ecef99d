"""The public face of a certified unit (guideline 2.11) and the contact of each district office."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import ProfileStatus


class PublicProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        from apps.registry.models import Unit

        return self.filter(unit__in=Unit.objects.visible_to(user))


class PublicProfile(models.Model):
    """Draft text (edited by the district or the province) and the published copy the public sees.

    Publishing copies the draft into the `pub_*` fields, so later edits stay private until the
    province publishes again."""

    unit = models.OneToOneField(
        "registry.Unit", on_delete=models.CASCADE, related_name="public_profile", verbose_name=_("หน่วยนับ")
    )
    summary = models.TextField(_("สิ่งที่ทำ (โดยสรุป)"), blank=True)
    results = models.TextField(_("ผลการดำเนินงาน"), blank=True)
    practices = models.TextField(_("แนวปฏิบัติที่น่าเรียนรู้"), blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=ProfileStatus.choices, default=ProfileStatus.DRAFT
    )
    pub_summary = models.TextField(_("สิ่งที่ทำ (ฉบับเผยแพร่)"), blank=True, editable=False)
    pub_results = models.TextField(_("ผลการดำเนินงาน (ฉบับเผยแพร่)"), blank=True, editable=False)
    pub_practices = models.TextField(_("แนวปฏิบัติที่น่าเรียนรู้ (ฉบับเผยแพร่)"), blank=True, editable=False)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    is_hidden = models.BooleanField(_("ซ่อนจากสาธารณะ"), default=False)
    hidden_reason = models.CharField(_("เหตุผลที่ซ่อน"), max_length=255, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    cover_photo = models.ForeignKey(
        "registry.Photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ภาพปก"),
    )
    photos = models.ManyToManyField(
        "registry.Photo", blank=True, related_name="public_profiles", verbose_name=_("ภาพที่เลือกเผยแพร่")
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = PublicProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("โปรไฟล์สาธารณะ")
        verbose_name_plural = _("โปรไฟล์สาธารณะ")
        ordering = ["unit__district_id", "unit__name"]

    def __str__(self):
        return str(self.unit)

    @property
    def scope_province_id(self):
        return self.unit.district_id[:2]

    @property
    def scope_district_id(self):
        return self.unit.district_id

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def has_unpublished_changes(self):
        return (self.summary, self.results, self.practices) != (
            self.pub_summary,
            self.pub_results,
            self.pub_practices,
        )


class OfficeContact(models.Model):
    """สำนักงานพัฒนาชุมชนอำเภอ: the public contact shown on every profile of the district."""

    district = models.OneToOneField(
        "geo.District", on_delete=models.CASCADE, related_name="office_contact", verbose_name=_("อำเภอ")
    )
    name = models.CharField(_("ชื่อสำนักงาน"), max_length=200)
    address = models.CharField(_("ที่อยู่"), max_length=255, blank=True)
    phone = models.CharField(_("โทรศัพท์สำนักงาน"), max_length=60, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    website = models.URLField(_("เว็บไซต์"), blank=True)

    class Meta:
        verbose_name = _("ติดต่อสำนักงานพัฒนาชุมชนอำเภอ")
        verbose_name_plural = _("ติดต่อสำนักงานพัฒนาชุมชนอำเภอ")
        ordering = ["district_id"]

    def __str__(self):
        return self.name

    @property
    def scope_province_id(self):
        return self.district_id[:2]

    @property
    def scope_district_id(self):
        return self.district_id


class PrivacyContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.scope.all_provinces:
            return self.all()
        return self.filter(province_id__in=user.scope.readable_province_ids)


class PrivacyContact(models.Model):
    """The data controller of a province (its community development office) and its data protection officer,
    printed on the privacy notice (`/privacy/`, PDPA section 23). Data, kept by the province's staff."""

    province = models.OneToOneField(
        "geo.Province", on_delete=models.CASCADE, related_name="privacy_contact", verbose_name=_("จังหวัด")
    )
    controller = models.CharField(
        _("ผู้ควบคุมข้อมูลส่วนบุคคล"), max_length=255, help_text=_("เช่น สำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก")
    )
    address = models.CharField(_("ที่อยู่สำนักงาน"), max_length=255, blank=True)
    phone = models.CharField(_("โทรศัพท์สำนักงาน"), max_length=60, blank=True)
    email = models.EmailField(_("อีเมลสำนักงาน"), blank=True)
    dpo_name = models.CharField(
        _("เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO)"),
        max_length=255,
        blank=True,
        help_text=_("ชื่อตำแหน่งหรือหน่วยงาน ไม่จำเป็นต้องเป็นชื่อบุคคล"),
    )
    dpo_email = models.EmailField(_("อีเมล DPO"), blank=True)
    dpo_phone = models.CharField(_("โทรศัพท์ DPO"), max_length=60, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PrivacyContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผู้ควบคุมข้อมูลและ DPO")
        verbose_name_plural = _("ผู้ควบคุมข้อมูลและ DPO")
        ordering = ["province_id"]

    def __str__(self):
        return self.controller

    @property
    def scope_province_id(self):
        return self.province_id
