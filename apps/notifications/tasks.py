"""Celery tasks: thin wrappers around services. Tasks take ids and re-fetch."""

import datetime as dt
import logging

from celery import shared_task

from . import services
from .enums import DeliveryStatus

log = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """Raised (on a real worker) so that Celery's autoretry backs off and tries again."""


@shared_task(name="apps.notifications.tasks.send_due_reminders")
def send_due_reminders(date=None):
    """Daily at REMINDER_HOUR (Asia/Bangkok): plan today's reminders and digests, send what is waiting."""
    today = dt.date.fromisoformat(date) if date else None
    return services.run_daily(today)


@shared_task(
    bind=True,
    name="apps.notifications.tasks.send_delivery",
    autoretry_for=(DeliveryFailed,),
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=5,
)
def send_delivery(self, delivery_id):
    from .models import Delivery

    if not Delivery.objects.filter(pk=delivery_id).exists():
        log.info("delivery %s is gone", delivery_id)
        return None
    status = services.deliver(delivery_id)
    # Eagerly (embedded mode) a retry would run at once in the caller: leave it to the next daily sweep. A final
    # failure (no next attempt planned: LINE gave up and fell back to e-mail) is not retried.
    if (
        status == DeliveryStatus.FAILED
        and not self.request.is_eager
        and Delivery.objects.filter(pk=delivery_id, next_attempt_at__isnull=False).exists()
    ):
        raise DeliveryFailed(f"delivery {delivery_id} failed")
    return status
