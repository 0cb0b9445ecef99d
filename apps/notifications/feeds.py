"""Pluggable calendar feeds: `register(name, fn)` where fn(user) yields ics.Event for what the user may see.
The deadline feed is registered here; the evaluation app adds its rounds the same way:

    from apps.notifications import feeds
    from apps.notifications.ics import Event
    feeds.register("evaluation.rounds", lambda user: (
        Event(uid=f"round-{r.pk}@mchch", day=r.date, summary=f"ประเมิน{r.get_level_display()}", url=...)
        for r in Round.objects.visible_to(user)))

Use the model's visible_to(user): the feed is the user's scope, nothing more. Keep UIDs stable.
"""

from django.conf import settings
from django.urls import reverse

from apps.registry.models import Deadline

from .ics import Event

_FEEDS = {}


def register(name, fn):
    _FEEDS[name] = fn


def events_for(user):
    out = []
    for fn in _FEEDS.values():
        out.extend(fn(user))
    return sorted(out, key=lambda e: (e.day, e.uid))


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


register("registry.deadlines", deadline_events)
