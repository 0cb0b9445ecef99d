"""Consent to publication, per person and purpose (issue 19 item 2): who agreed to what, when, how, and its
withdrawal. The registry of units is held under the office's public task and needs no consent; only what the
public site shows of a person (name, photo, phone, address) does."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import ConsentChannel, ConsentPurpose


class ConsentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .models import Unit

        return self.filter(unit__in=Unit.objects.visible_to(user))

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
