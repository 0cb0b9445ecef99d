from django.db import models
from django.utils.translation import gettext_lazy as _


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

# Kinds of notices. Deadline reminders are never optional; the others can be switched off per kind.
# Other apps may add their own with apps.notifications.services.register_kind(code, label).
DEADLINE_REMINDER = "deadline_reminder"
EVALUATION_REMINDER = "evaluation_reminder"
DIGEST = "digest"
NOTICE_KINDS = {
    DEADLINE_REMINDER: _("แจ้งเตือนกำหนดส่งรายงาน"),
    EVALUATION_REMINDER: _("แจ้งเตือนการประเมิน"),
    "submission_returned": _("รายงานถูกส่งกลับให้แก้ไข"),
    "submission_accepted": _("จังหวัดรับรายงานแล้ว"),
    "decision_made": _("ผลการพิจารณาของคณะกรรมการ"),
    "certificate_issued": _("ออกใบรับรองแล้ว"),
    "general": _("ประกาศทั่วไป"),
}
# Kinds a user can never unsubscribe from.
MANDATORY_KINDS = {DEADLINE_REMINDER, EVALUATION_REMINDER}
