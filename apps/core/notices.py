"""Telling people about events, for every app below the notifications app (DESIGN §3, §8).

An app that has news for someone (a report returned, a decision, a certificate) calls `notify(...)` inside its
transaction. `notify` sends the `notice_requested` signal; the notifications app receives it and writes the inbox
notice and the e-mail delivery (apps.notifications.receivers). The sending app knows nothing of inboxes, e-mail or
preferences, and nothing happens when no app receives the signal.

The kinds of notice form one vocabulary, owned here: the preferences page lists them and a user may switch off
the optional ones. An app adds its own with `register_kind(code, label)` from its AppConfig.ready()."""

from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

DEADLINE_REMINDER = "deadline_reminder"
EVALUATION_REMINDER = "evaluation_reminder"
DIGEST = "digest"

KINDS = {
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

# Sent by notify(); arguments: users (list), kind, title, body, url, optional.
notice_requested = Signal()


def register_kind(code, label):
    """Name another kind of notice (shown on the preferences page, can be switched off)."""
    KINDS.setdefault(code, label)


def notify(users, *, kind, title, body="", url="", optional=True):
    """Tell one or more users about an event: an inbox notice always, an e-mail unless they switched the kind
    off or chose the daily digest. Call it inside your transaction; e-mails leave after commit."""
    users = [users] if hasattr(users, "pk") else list(users)
    if users:
        notice_requested.send(
            sender=kind, users=users, kind=kind, title=title, body=body, url=url, optional=optional
        )
