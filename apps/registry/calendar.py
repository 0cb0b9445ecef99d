"""The programme years' deadlines in each person's calendar feed (registered with apps.core.calendar)."""

from django.conf import settings
from django.urls import reverse

from apps.core.calendar import Event

from .models import Deadline


def deadline_events(user):
    qs = Deadline.objects.visible_to(user).select_related("year__province").filter(year__is_open=True)
    for d in qs:
        yield Event(
            uid=f"deadline-{d.pk}@mchch",
            day=d.due_on,
            summary=f"กำหนดส่ง: {d.get_kind_display()} (มชช. ปี {d.year.fiscal_year} จ.{d.year.province})",
            description=(d.note or "") + ("\n" if d.note else "") + "ส่งรายงานถึงสำนักงานพัฒนาชุมชนจังหวัด",
            url=settings.SITE_URL + reverse("registry:year", args=[d.year_id]),
        )
