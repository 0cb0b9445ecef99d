"""Navigation of the staff workspace. Each app registers its entries in its AppConfig.ready();
an entry shows when its predicate (a `rules` predicate on the user) holds.

Labels are Thai msgids, translated when the menu is rendered (ready() runs before any language is active)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext, gettext_noop

# Labels registered as plain strings that no other code marks for extraction.
gettext_noop("ปีงบประมาณและปฏิทิน")


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    predicate: object
    order: int = 50


_ENTRIES: list[NavEntry] = []


def register(label, url_name, predicate, order=50):
    _ENTRIES.append(NavEntry(label, url_name, predicate, order))


def entries_for(user):
    out = []
    for e in sorted(_ENTRIES, key=lambda e: e.order):
        if e.predicate(user):
            out.append({"label": gettext(str(e.label)), "url": reverse(e.url_name), "url_name": e.url_name})
    return out
