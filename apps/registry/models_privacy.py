"""Consent to publication, per person and purpose (issue 19 item 2): who agreed to what, when, how, and its
withdrawal. The registry of units is held under the office's public task and needs no consent; only what the
public site shows of a person (name, photo, phone, address) does."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import ConsentChannel, ConsentPurpose, RequestKind, RequestStatus


class ConsentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from django.apps import apps

        return self.filter(unit__in=apps.get_model("registry", "Unit").objects.visible_to(user))

    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.CASCADE, related_name="consents", verbose_name=_("หน่วยนับ")
    )
    purpose = models.CharField(_("ยินยอมให้เผยแพร่"), max_length=20, choices=ConsentPurpose.choices)
    given_by = models.CharField(_("ผู้ให้ความยินยอม"), max_length=150)
    given_on = models.DateField(_("วันที่ให้ความยินยอม"))
    channel = models.CharField(_("ช่องทาง"), max_length=10, choices=ConsentChannel.choices)
    scan = models.FileField(_("ไฟล์สแกนแบบให้ความยินยอม"), upload_to="consents/%Y/", blank=True)
    note = models.CharField(_("หมายเหตุ"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_on = models.DateField(_("วันที่ถอนความยินยอม"), null=True, blank=True)
    withdrawn_channel = models.CharField(
        _("ช่องทางการถอน"), max_length=10, choices=ConsentChannel.choices, blank=True
    )
    withdrawn_note = models.CharField(_("หมายเหตุการถอน"), max_length=255, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ความยินยอมให้เผยแพร่")
        verbose_name_plural = _("ความยินยอมให้เผยแพร่")
        ordering = ["unit_id", "purpose", "-given_on", "-pk"]
        indexes = [models.Index(fields=["unit", "purpose"])]

    def __str__(self):
        return f"{self.get_purpose_display()}: {self.given_by}"

    @property
    def is_active(self):
        return self.withdrawn_at is None

    @property
    def scope_province_id(self):
        return self.unit.district_id[:2]

    @property
    def scope_district_id(self):
        return self.unit.district_id


class DataRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        from django.apps import apps

        return self.filter(unit__in=apps.get_model("registry", "Unit").objects.visible_to(user))

    def open(self):
        from .enums import RequestStatus

        return self.filter(status=RequestStatus.OPEN)


class DataRequest(models.Model):
    """A request of a data subject, recorded by staff, answered within the legal 30 days (issue 19 item 4)."""

    DUE_DAYS = 30

    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="data_requests", verbose_name=_("หน่วยนับ")
    )
    subject_name = models.CharField(_("ผู้ยื่นคำขอ (เจ้าของข้อมูล)"), max_length=255)
    kind = models.CharField(_("คำขอ"), max_length=20, choices=RequestKind.choices)
    received_on = models.DateField(_("วันที่ได้รับคำขอ"))
    due_on = models.DateField(_("ต้องตอบภายใน"))
    details = models.TextField(_("รายละเอียดคำขอ"), blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    outcome = models.TextField(_("ผลการดำเนินการ"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("คำขอใช้สิทธิของเจ้าของข้อมูล")
        verbose_name_plural = _("คำขอใช้สิทธิของเจ้าของข้อมูล")
        ordering = ["status", "due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_open(self):
        return self.status == RequestStatus.OPEN

    @property
    def scope_province_id(self):
        return self.unit.district_id[:2]

    @property
    def scope_district_id(self):
        return self.unit.district_id


class RetentionPeriod(models.Model):
    """How long one kind of personal data is kept in a province (months), when it differs from the default
    of apps.core.retention.KINDS (issue 19 item 5)."""

    province = models.ForeignKey("geo.Province", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("ข้อมูล"), max_length=40)
    months = models.PositiveSmallIntegerField(_("ระยะเวลาเก็บ (เดือน)"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ระยะเวลาเก็บรักษาข้อมูล")
        verbose_name_plural = _("ระยะเวลาเก็บรักษาข้อมูล")
        constraints = [models.UniqueConstraint(fields=["province", "kind"], name="one_period_per_kind")]

    def __str__(self):
        return f"{self.kind}: {self.months}"

    @property
    def scope_province_id(self):
        return self.province_id


class RetentionReview(models.Model):
    """What the daily task found past its retention period in a province, waiting for staff to confirm the
    purge; then what was purged, by whom, when."""

    province = models.ForeignKey("geo.Province", on_delete=models.CASCADE, related_name="+")
    found = models.JSONField(default=dict)  # {kind: [object ids]}
    created_at = models.DateTimeField(auto_now_add=True)
    purged = models.JSONField(default=dict, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    purged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("รายการข้อมูลครบกำหนดลบ")
        verbose_name_plural = _("รายการข้อมูลครบกำหนดลบ")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.province_id} {self.created_at:%Y-%m-%d}"

    @property
    def scope_province_id(self):
        return self.province_id
