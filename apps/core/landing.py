"""Panels of the landing page /app/: each app registers what is due for a person of a role."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    predicate: object
    context: object  # callable(request) -> dict
    order: int = 50


_PANELS: list[Panel] = []


def register(template, predicate, context, order=50):
    _PANELS.append(Panel(template, predicate, context, order))


def panels_for(request):
    out = []
    for p in sorted(_PANELS, key=lambda p: p.order):
        if p.predicate(request.user):
            out.append({"template": p.template, **p.context(request)})
    return out
