"""The one-time scoring link's pages (apps/evaluation/links.py): no login, no navigation to the workspace — only
the member's units of that round and the scorecard form. A reused, expired, revoked or tampered link opens a
plain Thai page with no data (410 or 404). Requests are rate-limited per address (apps.core.ratelimit)."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.core.forms import posted_text
from apps.core.ratelimit import hit

from . import links, pages, scoring, services

RATE = (
    60  # requests per minute and address: a committee member scores a dozen units, a guesser tries thousands
)


def _gone(request, status):
    return render(request, "evaluation/link/gone.html", {"status": status}, status=status)


def with_link(view):
    @wraps(view)
    @never_cache
    def wrapper(request, token, *args, **kwargs):
        if hit(request, "scoring-link", RATE):
            return render(request, "evaluation/link/gone.html", {"status": 429}, status=429)
        try:
            link = links.resolve(token)
        except links.LinkGone as gone:
            return _gone(request, gone.status)
        return view(request, link, token, *args, **kwargs)

    return wrapper


@with_link
def link_home(request, link, token):
    entries = list(
        links.open_entries(link).select_related("enrolment__unit__district").order_by("order", "pk")
    )
    return render(
        request,
        "evaluation/link/home.html",
        {"link": link, "person": link.seat.person, "round": link.round, "entries": entries, "token": token},
    )


@with_link
def link_score(request, link, token, entry_id):
    entry = links.open_entries(link).select_related("enrolment__unit__district").filter(pk=entry_id).first()
    if entry is None:  # submitted already, decided, in conflict or not of this round: nothing to show
        return _gone(request, 404)
    card = services.scorecard_for(entry, link.seat)
    sset = card.standard_set if card.standard_set_id else None
    indicators = scoring.indicators_of(sset) if sset else []
    values, comments = pages.saved_scores(card)
    comment, errors = card.comment, []
    if request.method == "POST":
        values, comments, errors = pages.parse_scores(request.POST, indicators)
        comment = posted_text(request.POST, "comment")
        if not errors:
            try:
                links.submit_via_link(link, entry, values=values, comments=comments, comment=comment)
            except links.LinkGone as gone:
                return _gone(request, gone.status)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request, _("ส่งใบให้คะแนนของ %(u)s แล้ว ขอบคุณครับ/ค่ะ") % {"u": entry.enrolment.unit}
                )
                if not links.open_entries(link).exists():
                    return render(request, "evaluation/link/done.html", {"person": link.seat.person})
                return redirect("evaluation_link:home", token=token)
    return render(
        request,
        "evaluation/link/score.html",
        {
            "person": link.seat.person,
            "round": link.round,
            "entry": entry,
            "rows": pages.score_rows(indicators, values, comments),
            "errors": errors,
            "comment": comment,
            "sset": sset,
            "submitted": False,
            "token": token,
        },
    )


@require_POST
@with_link
def link_conflict(request, link, token, entry_id):
    """The member declares a conflict of interest with one unit of the link (reason required): it leaves the link."""
    entry = links.open_entries(link).filter(pk=entry_id).first()
    if entry is None:
        return _gone(request, 404)
    try:
        links.declare_via_link(link, entry, reason=posted_text(request.POST, "reason", 2000))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("evaluation_link:score", token=token, entry_id=entry.pk)
    messages.success(request, _("บันทึกการแจ้งส่วนได้เสียแล้ว ท่านจะไม่ให้คะแนนหน่วยนับนี้"))
    if not links.open_entries(link).exists():
        return render(request, "evaluation/link/done.html", {"person": link.seat.person})
    return redirect("evaluation_link:home", token=token)
