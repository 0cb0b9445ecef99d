"""What every public page shares (the views of the public site and the privacy notice): read-only GET/HEAD,
the page shell, the Open Graph tags."""

from django.db import transaction
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from .gate import withheld
from .profiles import absolute


def meta(request, *, title, description, path, image=None, kind="website", allowed=()):
    """Open Graph and description tags; a description holding personal data is left out (apps.core.privacy)."""
    description = withheld(description, allowed, unit_id=None, field="og:description")
    return render_to_string(
        "public/_meta.html",
        {
            "title": title,
            "description": (description or "")[:200],
            "url": absolute(path),
            "image": absolute(image or static("public/og-default.png")),
            "kind": kind,
        },
    )


def public_get(view):
    """Read-only public pages: GET and HEAD (uptime monitors ask with HEAD), no request transaction (a cached
    page touches no database)."""
    return transaction.non_atomic_requests(require_safe(view))


def page(request, data, *, status=200, extra=None):
    return render(request, "public/page.html", {"page": data, **(extra or {})}, status=status)
