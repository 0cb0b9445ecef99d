from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import notices

# Kinds of notices: one vocabulary owned by core (apps.core.notices), where other apps add theirs.
DEADLINE_REMINDER = notices.DEADLINE_REMINDER
EVALUATION_REMINDER = notices.EVALUATION_REMINDER
DIGEST = notices.DIGEST
NOTICE_KINDS = notices.KINDS
MANDATORY_KINDS = notices.MANDATORY_KINDS


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("รอส่ง")
    SENDING = "sending", _("กำลังส่ง")
    SENT = "sent", _("ส่งแล้ว")
    FAILED = "failed", _("ส่งไม่สำเร็จ")
    SKIPPED = "skipped", _("ข้าม (ไม่มีอีเมล)")
    CANCELLED = "cancelled", _("ยกเลิก (ดำเนินการแล้ว)")


# A delivery in one of these states may be claimed by a sender.
CLAIMABLE = {DeliveryStatus.PENDING, DeliveryStatus.FAILED}
DONE = {DeliveryStatus.SENT, DeliveryStatus.SKIPPED, DeliveryStatus.CANCELLED}


class Channel(models.TextChoices):
    """How a delivery leaves the system. The inbox notice is written once, whatever the channels."""

    EMAIL = "email", _("อีเมล")
    LINE = "line", _("LINE")


class ChannelChoice(models.TextChoices):
    """A user's choice per kind of notice (LINE only when the office configured it and the user linked)."""

    EMAIL = "email", _("อีเมล")
    LINE = "line", _("LINE")
    BOTH = "both", _("อีเมลและ LINE")
