"""Checks of the system admin's status page (/app/status/). Core registers its own (apps.core.status_checks); an
app above core registers a check about its own data from its AppConfig.ready(), like the landing panels.

A check is a callable without arguments returning one Item or a list of them. A check that raises shows as a
failed item with the error; it never breaks the page."""

import logging
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

OK, WARN, BAD, UNKNOWN = "ok", "warn", "bad", "unknown"


@dataclass
class Item:
    key: str
    label: str
    value: str
    state: str = OK
    detail: str = ""
    at: object = None  # a datetime shown in B.E. beside the value
    rows: list = field(default_factory=list)  # [{"at": datetime, "text": str}] a few recent examples
    url: str = ""  # where to act on it
    data: dict = field(default_factory=dict)  # raw figures (sizes, counts) for tests and the template


_CHECKS: list[tuple[int, object]] = []


def register(check, order=50):
    if all(c is not check for _o, c in _CHECKS):
        _CHECKS.append((order, check))


def collect():
    items = []
    for _order, check in sorted(_CHECKS, key=lambda c: c[0]):
        try:
            result = check()
        except Exception as exc:  # a status page reports, it does not raise
            log.exception("status check %s failed", getattr(check, "__name__", check))
            result = Item(getattr(check, "__name__", "check"), _("ตรวจสอบไม่ได้"), str(exc)[:200], BAD)
        items.extend(result if isinstance(result, list | tuple) else [result])
    return items
