"""Everything held about one person, across the apps (issue 19 item 4): a registry of *holders*.

Each app that keeps personal data registers a holder in its AppConfig.ready():

    personaldata.register(Holder(
        key="registry.unit", label=_("ทะเบียนหน่วยนับ"),
        find=lambda subject: [...],          # short lines: what is held (for the request page)
        export=lambda subject: {...},        # JSON-ready dict of every value held (access request)
        erase=lambda subject, by: Erased(removed=[...], kept=[(what, why), ...]),
        blocks=lambda subject: "",           # a Thai reason to refuse erasure here, or ""
    ))

A *subject* identifies the person the way the holders can find them: the registry unit the request was made
for (a leader is a unit), the person's full name, and the national ID when known. A holder that knows the person
by another key (the committee's Person records, an account) finds them from these. Core knows no app: the
data-subject request pages, the access export and erasure go through `find_all`, `export_all`, `erase_all`."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Subject:
    unit_id: int | None = None
    full_name: str = ""
    national_id: str = ""


@dataclass
class Erased:
    removed: list = field(default_factory=list)  # what was deleted or made anonymous (Thai lines)
    kept: list = field(default_factory=list)  # (what, why) pairs: kept on purpose, with the reason


@dataclass(frozen=True)
class Holder:
    key: str
    label: str
    find: object
    export: object
    erase: object = None
    blocks: object = None
    order: int = 50


_HOLDERS: dict[str, Holder] = {}


def register(holder):
    _HOLDERS[holder.key] = holder


def holders():
    return sorted(_HOLDERS.values(), key=lambda h: (h.order, h.key))


def find_all(subject):
    """[(holder label, [lines])] of the holders that hold something about the subject."""
    out = []
    for h in holders():
        lines = list(h.find(subject) or [])
        if lines:
            out.append((str(h.label), lines))
    return out


def export_all(subject):
    """{holder key: {"label": …, "data": …}} of everything held: the machine-readable access copy."""
    return {
        h.key: {"label": str(h.label), "data": data}
        for h in holders()
        if (data := h.export(subject)) not in (None, {}, [])
    }


def blockers(subject):
    """Thai reasons a holder gives for not erasing its part (e.g. a seat on a committee)."""
    return [(str(h.label), msg) for h in holders() if h.blocks and (msg := h.blocks(subject))]


def erase_all(subject, *, by):
    """Ask every holder to erase what it may; [(holder label, Erased)]. Holders that block keep their part and
    say why (the caller shows `blockers` first and lets staff decide)."""
    out = []
    for h in holders():
        if h.erase is None:
            continue
        reason = h.blocks(subject) if h.blocks else ""
        if reason:
            out.append((str(h.label), Erased(kept=[(str(h.label), reason)])))
            continue
        result = h.erase(subject, by)
        if result and (result.removed or result.kept):
            out.append((str(h.label), result))
    return out
