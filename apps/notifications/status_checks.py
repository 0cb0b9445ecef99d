"""The notifications' line on the system admin's status page (registered with apps.core.status in ready())."""

import datetime as dt

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.status import BAD, OK, WARN, Item

from .enums import DeliveryStatus
from .models import Delivery

STUCK_AFTER = dt.timedelta(days=1)


def deliveries():
    """Reminders and messages waiting to go out or failed (after their retries), by status."""
    waiting = [DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    rows = (
        Delivery.objects.filter(status__in=[*waiting, DeliveryStatus.FAILED])
        .values("status")
        .annotate(n=Count("pk"), oldest=Min("created_at"))
    )
    by = {r["status"]: r for r in rows}
    pending = sum(by.get(s, {}).get("n", 0) for s in waiting)
    oldest = min((by[s]["oldest"] for s in waiting if s in by), default=None)
    failed = by.get(DeliveryStatus.FAILED, {}).get("n", 0)
    stuck = oldest is not None and oldest < timezone.now() - STUCK_AFTER
    url = reverse("notifications:deliveries")
    return [
        Item(
            "deliveries_pending",
            _("การแจ้งเตือนที่รอส่ง"),
            f"{pending:,}",
            WARN if stuck else OK,
            _("รายการเก่าสุดสร้างเมื่อ") if oldest else "",
            at=oldest,
            url=f"{url}?status=pending",
            data={"count": pending},
        ),
        Item(
            "deliveries_failed",
            _("การแจ้งเตือนที่ส่งไม่สำเร็จ"),
            f"{failed:,}",
            BAD if failed else OK,
            _("ส่งใหม่ได้จากหน้าประวัติการส่ง") if failed else "",
            url=f"{url}?status=failed",
            data={"count": failed},
        ),
    ]
