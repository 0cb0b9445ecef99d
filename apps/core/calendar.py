"""Pluggable calendar feeds: `register(name, fn)` where fn(user) yields `Event`s of what the user may see; the
notifications app serves them as one iCalendar feed per user (apps.notifications.ics). The registry app adds
its deadlines, the evaluation app its rounds, each from its AppConfig.ready():

    from apps.core import calendar
    calendar.register("evaluation.rounds", lambda user: (
        calendar.Event(uid=f"round-{r.pk}@mchch", day=r.date, summary=f"ประเมิน{r.get_level_display()}", url=...)
        for r in Round.objects.visible_to(user)))

Use the model's visible_to(user): the feed is the user's scope, nothing more. Keep UIDs stable."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    uid: str  # stable across downloads so calendars update the event instead of duplicating it
    day: dt.date
    summary: str
    description: str = ""
    url: str = ""
    end: dt.date | None = None  # inclusive last day; None = one day


_FEEDS = {}


def register(name, fn):
    _FEEDS[name] = fn


def events_for(user):
    out = []
    for fn in _FEEDS.values():
        out.extend(fn(user))
    return sorted(out, key=lambda e: (e.day, e.uid))
