"""Navigation of the staff workspace. Each app registers its entries in its AppConfig.ready();
an entry shows when its predicate (a `rules` predicate on the user) holds.

Labels are Thai msgids, translated when the menu is rendered (ready() runs before any language is active)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

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


# Menu sections by the URL namespace of an entry, in the order of the yearly cycle.
SECTIONS = [
    (_("งานประจำปี"), ("notifications", "registry", "geo")),
    (_("เรียนรู้และพัฒนา"), ("development",)),
    (_("รายงานถึงจังหวัด"), ("reporting",)),
    (_("ประเมินและรับรอง"), ("evaluation", "certification", "public_staff", "public")),
    (_("ระบบ"), ("accounts",)),
]


def _section(url_name):
    return _place(url_name)[0]


def _place(url_name):
    ns = url_name.split(":", 1)[0]
    for i, (_label, namespaces) in enumerate(SECTIONS):
        if ns in namespaces:
            return i, namespaces.index(ns)
    return len(SECTIONS) - 1, 0


def entries_for(user):
    out = []
    for e in sorted(_ENTRIES, key=lambda e: (*_place(e.url_name), e.order)):
        if e.predicate(user):
            out.append({"label": gettext(str(e.label)), "url": reverse(e.url_name), "url_name": e.url_name})
    return out


def sections_for(user):
    """[{label, entries}] for the side menu; empty sections left out."""
    groups = {}
    for entry in entries_for(user):
        groups.setdefault(_section(entry["url_name"]), []).append(entry)
    return [{"label": SECTIONS[i][0], "entries": groups[i]} for i in sorted(groups)]
