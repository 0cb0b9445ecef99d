"""What every public page shares (the views of the public site and the privacy notice): read-only GET/HEAD,
the page shell, the Open Graph tags."""

import re

from django.contrib.messages import get_messages
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import urlencode
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.test.signals import setting_changed
from django.utils.html import conditional_escape
from django.utils.translation import get_language
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
    """The page `data` (title, head, body) in the site's shell. For an anonymous visitor with no message
    waiting the shell is the same on every page but for those three and the language switch's return path:
    drawn once per language in each process, then filled in (the public site's hottest path)."""
    if extra or request.user.is_authenticated or len(get_messages(request)):
        return render(request, "public/page.html", {"page": data, **(extra or {})}, status=status)
    key = (get_language(), request.path == "/")
    shell = _shells.get(key)
    if shell is None:
        shell = _shells[key] = render_to_string(
            "public/page.html", {"page": _HOLES, "lang_next": _NEXT}, request=request
        )
    parts = {
        _HOLES["title"]: conditional_escape(data["title"]),
        _HOLES["head"]: data["head"],
        _HOLES["body"]: data["body"],
        _NEXT_ENCODED: conditional_escape(urlencode(request.get_full_path())),
    }
    return HttpResponse(_HOLE.sub(lambda m: parts[m.group()], shell), status=status)


_HOLES = {"title": "\ue010", "head": "\ue011", "body": "\ue012"}
_NEXT = "\ue013"
_NEXT_ENCODED = urlencode(_NEXT)
_HOLE = re.compile("|".join(re.escape(h) for h in (*_HOLES.values(), _NEXT_ENCODED)))
_shells = {}


@receiver(setting_changed)
def _forget_shells(**kwargs):
    _shells.clear()
