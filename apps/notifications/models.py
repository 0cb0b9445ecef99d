"""Reminder rules, deliveries (one row per rule × subject × due date × offset × recipient), the in-app inbox,
per-user preferences and calendar tokens."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.registry.enums import DeadlineKind

from .enums import NOTICE_KINDS, Channel, DeliveryStatus


def _int_list_default_before():
    return [14, 7, 1]


def _int_list_default_after():
    return [1, 7]


class ReminderRuleQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(year__province_id__in=scope.readable_province_ids)


class ReminderRule(models.Model):
    """กฎการแจ้งเตือน: when and what to remind districts of one deadline kind in one programme year."""

    year = models.ForeignKey(
        "registry.ProgrammeYear",
        on_delete=models.CASCADE,
        related_name="reminder_rules",
        verbose_name=_("ปีงบประมาณ"),
    )
    kind = models.CharField(_("รายงาน"), max_length=30, choices=DeadlineKind.choices)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    days_before = models.JSONField(_("แจ้งก่อนกำหนด (วัน)"), default=_int_list_default_before)
    days_after = models.JSONField(_("แจ้งหลังเลยกำหนด (วัน)"), default=_int_list_default_after)
    copy_province_when_overdue = models.BooleanField(_("สำเนาถึงเจ้าหน้าที่จังหวัดเมื่อเลยกำหนด"), default=True)
    subject_before = models.CharField(_("หัวเรื่อง (ก่อนกำหนด)"), max_length=200)
    body_before = models.TextField(_("ข้อความ (ก่อนกำหนด)"))
    subject_after = models.CharField(_("หัวเรื่อง (เลยกำหนด)"), max_length=200)
    body_after = models.TextField(_("ข้อความ (เลยกำหนด)"))
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReminderRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("กฎการแจ้งเตือน")
        verbose_name_plural = _("กฎการแจ้งเตือน")
        ordering = ["year_id", "kind"]
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="one_reminder_rule_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.year.fiscal_year}"

    @property
    def scope_province_id(self):
        return self.year.province_id

    @property
    def key(self):
        return f"deadline:{self.kind}"


class DeliveryQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.is_admin:
            return self.all()
        return self.filter(models.Q(province_id__in=scope.staff_province_ids) | models.Q(recipient=user))


class Delivery(models.Model):
    """One message to one person, recorded once: the unique key is claimed by insert-or-skip, then the row is
    claimed for sending by a conditional UPDATE … WHERE status IN (pending, failed)."""

    source = models.CharField(_("แหล่งที่มา"), max_length=40)
    rule_key = models.CharField(_("กฎ"), max_length=80)
    subject_key = models.CharField(_("เรื่อง"), max_length=120)
    due_on = models.DateField(_("วันครบกำหนด"))
    offset_days = models.SmallIntegerField(
        _("ห่างจากกำหนด (วัน)"), default=0, help_text=_("ติดลบ = ก่อนกำหนด, บวก = หลังกำหนด")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("ผู้รับ")
    )
    province = models.ForeignKey(
        "geo.Province",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("จังหวัด"),
    )
    kind = models.CharField(_("ประเภท"), max_length=40)
    title = models.CharField(_("หัวเรื่อง"), max_length=255)
    body = models.TextField(_("ข้อความ"))
    url = models.CharField(_("ลิงก์"), max_length=500, blank=True)
    channel = models.CharField(_("ช่องทาง"), max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    email = models.CharField(_("อีเมลที่ส่งถึง"), max_length=254, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("จำนวนครั้งที่พยายาม"), default=0)
    last_error = models.TextField(_("ข้อผิดพลาดล่าสุด"), blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("ลองใหม่ได้ตั้งแต่"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("การส่งแจ้งเตือน")
        verbose_name_plural = _("ประวัติการส่ง")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_key", "subject_key", "due_on", "offset_days", "recipient", "channel"],
                name="delivery_once_per_channel",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["province", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.title} → {self.recipient_id}"

    @property
    def scope_province_id(self):
        return self.province_id


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """ข้อความในกล่องข้อความของผู้ใช้ (in-app inbox)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ผู้รับ"),
    )
    kind = models.CharField(_("ประเภท"), max_length=40)
    title = models.CharField(_("หัวเรื่อง"), max_length=255)
    body = models.TextField(_("ข้อความ"), blank=True)
    url = models.CharField(_("ลิงก์"), max_length=500, blank=True)
    optional = models.BooleanField(default=True)
    created_at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)
    read_at = models.DateTimeField(_("อ่านเมื่อ"), null=True, blank=True)
    # the reminder that produced this notice, or the e-mail that carries it
    delivery = models.OneToOneField(
        Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="notification"
    )
    # waiting for the user's daily digest e-mail; `digest` is the digest delivery that took it
    in_digest = models.BooleanField(default=False)
    digest = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="digested"
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("ข้อความแจ้งเตือน")
        verbose_name_plural = _("กล่องข้อความ")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["in_digest", "digest"])]

    def __str__(self):
        return self.title

    @property
    def kind_label(self):
        return NOTICE_KINDS.get(self.kind, self.kind)


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    daily_digest = models.BooleanField(_("รวมข่าวสารเป็นอีเมลฉบับเดียวต่อวัน"), default=False)
    muted_kinds = models.JSONField(_("ประเภทที่ไม่รับอีเมล"), default=list, blank=True)
    # kind → "line" | "both" (ChannelChoice); a kind not listed goes by e-mail. Read only when LINE is configured
    # and the user has linked an account, so an office without LINE behaves exactly as before.
    channels = models.JSONField(_("ช่องทางต่อประเภท"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("การตั้งค่าการแจ้งเตือน")
        verbose_name_plural = _("การตั้งค่าการแจ้งเตือน")

    def __str__(self):
        return f"preferences of {self.user_id}"


def _new_token():
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """Secret of a personal iCal feed. At most one active per user; revoked ones answer 410 with no data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ลิงก์ปฏิทิน")
        verbose_name_plural = _("ลิงก์ปฏิทิน")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(revoked_at__isnull=True), name="one_active_calendar_token"
            ),
        ]

    def __str__(self):  # never the secret itself
        return f"calendar link of {self.user_id} ({'revoked' if self.revoked_at else 'active'})"


class LineAccount(models.Model):
    """A LINE user linked to a user of the system through the account-link flow (one each way)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="line_account", verbose_name=_("ผู้ใช้")
    )
    line_user_id = models.CharField(_("รหัสผู้ใช้ LINE"), max_length=64, unique=True)
    linked_at = models.DateTimeField(_("เชื่อมเมื่อ"), auto_now_add=True)
    is_demo = models.BooleanField(_("ข้อมูลสาธิต"), default=False)

    class Meta:
        verbose_name = _("บัญชี LINE ที่เชื่อมไว้")
        verbose_name_plural = _("บัญชี LINE ที่เชื่อมไว้")

    def __str__(self):  # never the LINE id itself
        return f"LINE account of {self.user_id}"


def _new_nonce():
    return secrets.token_urlsafe(24)


class LineLinkNonce(models.Model):
    """The one-time nonce handed to LINE on the link page; LINE returns it in the accountLink event."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64, unique=True, default=_new_nonce)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("รหัสเชื่อมบัญชี LINE")
        verbose_name_plural = _("รหัสเชื่อมบัญชี LINE")

    def __str__(self):
        return f"LINE link nonce of {self.user_id}"
