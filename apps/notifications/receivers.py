"""What the notifications app listens to: notices asked for by the apps below it (apps.core.notices) and the
final failure of any background task (connected in NotificationsConfig.ready)."""

import logging

from django.core.mail import mail_admins

from . import services

log = logging.getLogger(__name__)


def on_notice_requested(sender, *, users, kind, title, body="", url="", optional=True, **kwargs):
    services.notify(users, kind=kind, title=title, body=body, url=url, optional=optional)


def mail_admins_on_failure(
    sender=None, task_id=None, exception=None, args=None, kwargs=None, einfo=None, **kw
):
    """Any task that finally fails (after its retries) e-mails the ADMINS."""
    name = getattr(sender, "name", str(sender))
    try:
        mail_admins(
            f"งานเบื้องหลังล้มเหลว: {name}",
            f"task: {name}\nid: {task_id}\nargs: {args!r}\nkwargs: {kwargs!r}\n"
            f"error: {type(exception).__name__}: {exception}\n\n{einfo or ''}",
            fail_silently=True,
        )
    except Exception:  # never let the alarm itself break the worker
        log.exception("mail_admins failed")
