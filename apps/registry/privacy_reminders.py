"""Requests of data subjects on the staff's home and in their reminders (issue 19 item 4).

- `registry.data_requests_due`: 7 days and 1 day before the legal due date, and on the day, every officer of
  the unit's district and whoever recorded the request, while the request is open.
- the panel on /app/: open requests the user may act on, the nearest due date first."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.enums import Role
from apps.accounts.models import User
from apps.accounts.rules import is_district_officer, is_province_staff
from apps.core import reminders
from apps.core.thaidates import format_date

from .models import DataRequest

SOURCE = "registry.data_requests_due"
RULE = "registry:data_requests_due"
OFFSETS = (7, 1, 0)  # days before the due date
sees_requests = is_district_officer | is_province_staff


def requests_due(today):
    days = {today + dt.timedelta(days=n): n for n in OFFSETS}
    reqs = list(DataRequest.objects.open().filter(due_on__in=list(days)).select_related("unit"))
    if not reqs:
        return
    officers = {}
    rows = User.objects.filter(
        is_active=True,
        role_assignments__role=Role.DISTRICT_OFFICER,
        role_assignments__district_id__in={r.unit.district_id for r in reqs},
    ).values_list("pk", "role_assignments__district_id")
    users = {
        u.pk: u for u in User.objects.filter(pk__in={pk for pk, _d in rows} | {r.created_by_id for r in reqs})
    }
    for pk, district in rows:
        officers.setdefault(district, []).append(users[pk])
    for r in reqs:
        n = days[r.due_on]
        recipients = {u.pk: u for u in officers.get(r.unit.district_id, [])}
        if r.created_by_id in users:
            recipients.setdefault(r.created_by_id, users[r.created_by_id])
        fmt = {"kind": r.get_kind_display(), "n": r.pk, "date": format_date(r.due_on), "days": n}
        title = (
            _("ครบกำหนดวันนี้: คำขอใช้สิทธิของเจ้าของข้อมูล #%(n)s (%(kind)s)") % fmt
            if n == 0
            else _("อีก %(days)s วันครบกำหนด: คำขอใช้สิทธิของเจ้าของข้อมูล #%(n)s (%(kind)s)") % fmt
        )
        for user in recipients.values():
            yield reminders.Reminder(
                rule_key=RULE,
                subject_key=f"data_request:{r.pk}",
                due_on=r.due_on,
                offset_days=-n,
                recipient=user,
                title=title,
                body=_("กฎหมายกำหนดให้ตอบเจ้าของข้อมูลภายใน %(date)s กรุณาดำเนินการและบันทึกผล") % fmt,
                url=settings.SITE_URL + reverse("registry:data_request", args=[r.pk]),
                province_id=r.unit.district_id[:2],
            )


def still_due(delivery):
    try:
        pk = int(delivery.subject_key.split(":")[1])
    except (IndexError, ValueError):
        return False
    return DataRequest.objects.open().filter(pk=pk, due_on=delivery.due_on).exists()


def panel(request):
    today = timezone.localdate()
    reqs = list(
        DataRequest.objects.visible_to(request.user)
        .open()
        .select_related("unit")
        .order_by("due_on", "pk")[:10]
    )
    return {
        "requests": [{"r": r, "days": (r.due_on - today).days} for r in reqs],
        "provinces": sorted(request.user.scope.staff_province_ids),  # links to retention and the DPO contact
    }
