"""Audit log and generated files: the two records every feature shares; the backup runs of the site."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import auditchain


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("audit log rows are append-only")

    def delete(self):
        raise PermissionError("audit log rows are append-only")

    def bulk_create(self, objs, *args, **kwargs):
        """Many events at once, chained in list order under the same lock as a single append."""
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise PermissionError("audit log rows are inserted exactly once")
        objs = list(objs)
        if any(o.pk for o in objs):
            raise PermissionError("audit log rows are append-only")
        with transaction.atomic(using=self.db, savepoint=False):
            auditchain.link(objs, self.model, self.db)
            return super().bulk_create(objs, *args, **kwargs)

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditEvent(models.Model):
    """One change: who, what, on which object, before/after, when, from where. Never changed: append-only in the
    app (save, delete, queryset update/delete refused) and in PostgreSQL (a trigger), hash-chained in id order
    (apps.core.auditchain). An account that acted is deactivated, never deleted (actor is protected)."""

    at = models.DateTimeField(_("เวลา"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้ดำเนินการ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("การกระทำ"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("รายการ"), max_length=255, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(_("เหตุผล"), blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("บันทึกการเปลี่ยนแปลง")
        verbose_name_plural = _("บันทึกการเปลี่ยนแปลง")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]
        # Django's internal updates go through the same refusing queryset.
        base_manager_name = "objects"

    def __str__(self):
        return f"{self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk or not self._state.adding:
            raise PermissionError("audit log rows are append-only")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            auditchain.link([self], type(self), using)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit log rows are append-only")


class GeneratedFile(models.Model):
    """A file built in the background (PDF, xlsx, pptx): progress, result, owner, expiry."""

    class Status(models.TextChoices):
        PENDING = "pending", _("รอคิว")
        RUNNING = "running", _("กำลังสร้าง")
        DONE = "done", _("เสร็จแล้ว")
        FAILED = "failed", _("ไม่สำเร็จ")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("ประเภท"), max_length=60)
    title = models.CharField(_("ชื่อเอกสาร"), max_length=255)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # The object the file is about decides who may download it (visible_to of that object).
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="generated/%Y/%m/", blank=True)
    content_type_name = models.CharField(max_length=100, blank=True)
    keep = models.BooleanField(default=False, help_text="kept forever, e.g. part of a submission snapshot")
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ไฟล์ที่ระบบสร้าง")
        verbose_name_plural = _("ไฟล์ที่ระบบสร้าง")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class BackupRun(models.Model):
    """One backup (scheduled or by hand): when, how big, and what went wrong — what an operator checks."""

    started_at = models.DateTimeField(_("เริ่ม"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("เสร็จ"), null=True, blank=True)
    ok = models.BooleanField(_("สำเร็จ"), default=False)
    size = models.BigIntegerField(_("ขนาด (ไบต์)"), default=0)
    name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    error = models.TextField(_("ข้อผิดพลาด"), blank=True)
    scheduled = models.BooleanField(_("ตามกำหนดเวลา"), default=False)

    class Meta:
        verbose_name = _("การสำรองข้อมูล")
        verbose_name_plural = _("การสำรองข้อมูล")
        ordering = ["-started_at"]

    def __str__(self):
        return self.name

    def finish(self, ok, size=0, error=""):
        """Record the end of the run (an update of this row only: nothing else of the object is saved)."""
        self.ok, self.size, self.error, self.finished_at = ok, size, error[:4000], timezone.now()
        type(self).objects.using(self._state.db).filter(pk=self.pk).update(
            ok=ok, size=size, error=self.error, finished_at=self.finished_at
        )


class TaskFailure(models.Model):
    """A background task that finally failed (after its retries), recorded by apps.core.taskhooks for the status
    page. Kept for RETENTION_DAYS; nothing else reads it."""

    RETENTION_DAYS = 30

    at = models.DateTimeField(_("เวลา"), default=timezone.now, db_index=True)
    task_name = models.CharField(_("งาน"), max_length=200)
    task_id = models.CharField(max_length=64, blank=True)
    exception = models.CharField(_("ข้อผิดพลาด"), max_length=200)
    message = models.TextField(_("รายละเอียด"), blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("งานเบื้องหลังที่ล้มเหลว")
        verbose_name_plural = _("งานเบื้องหลังที่ล้มเหลว")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.task_name}: {self.exception}"
