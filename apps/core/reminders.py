"""Pluggable sources of reminders: the registry is owned by core so that any app can add a source; the
notifications app plans and sends them (apps.notifications.services.queue_reminders).

A *source* is a function `fn(today: datetime.date) -> Iterable[Reminder]` registered under a name:

    from apps.core import reminders

    def unfinished_scorecards(today):
        for rnd in Round.objects.filter(date=today + timedelta(days=3)).select_related(...):
            for member in ...:                    # only those who have NOT acted, computed now
                yield reminders.Reminder(
                    rule_key="evaluation:unfinished_scorecards",   # stable name of the rule
                    subject_key=f"round:{rnd.pk}",                 # what the reminder is about
                    due_on=rnd.date,                               # the date it is about (part of the key)
                    offset_days=-3,                                # negative = before due_on, positive = after
                    recipient=member.user,
                    title="…", body="…", url="/app/…",             # Thai text, already rendered
                    kind=EVALUATION_REMINDER,                      # a key of apps.core.notices.KINDS
                    province_id=rnd.year.province_id,              # who sees it on the operations page
                )

    reminders.register("evaluation.unfinished_scorecards", unfinished_scorecards,
                     still_due=lambda delivery: ...)               # optional re-check just before sending

Register in your AppConfig.ready(). The sender (services.queue_reminders) calls every source once a day and
inserts one Delivery per (rule_key, subject_key, due_on, offset_days, recipient) — insert-or-skip on a unique
constraint — so a source may yield the same reminder on every run (two beats, a re-run after a crash) and it
is still sent once. If `due_on` changes (a moved date) the new date is used from then on, but an offset that
was already announced for the old date is not repeated (same rule_key, subject_key, offset_days, recipient);
pending deliveries for the old date are cancelled by `still_due`.

Rules for a source:
- compute recipients from the state *now* (only people who have not acted yet);
- keep the number of queries constant per rule, not per recipient (select_related / one query per table);
- yield only reminders due `today` (the sender does not filter by date).
`still_due(delivery) -> bool` is called just before each send (also for retries on later days); returning
False cancels the delivery (status "cancelled"), e.g. because the district has submitted in the meantime.
"""

from dataclasses import dataclass, field
from datetime import date

from .notices import DEADLINE_REMINDER


@dataclass
class Reminder:
    rule_key: str
    subject_key: str
    due_on: date
    recipient: object
    title: str
    body: str
    url: str = ""
    offset_days: int = 0
    kind: str = DEADLINE_REMINDER
    province_id: str | None = None
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    name: str
    fn: object
    still_due: object = None


_SOURCES: dict[str, Source] = {}


def register(name, fn, *, still_due=None):
    """Register (or replace) a reminder source. `name` is also stored on each delivery (Delivery.source)."""
    _SOURCES[name] = Source(name, fn, still_due)


def unregister(name):
    _SOURCES.pop(name, None)


def all_sources():
    return list(_SOURCES.values())


def get(name):
    return _SOURCES.get(name)
