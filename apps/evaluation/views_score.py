"""A member's scorecards: the list of units to score and the scorecard of one unit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import staff_view
from apps.core.forms import messages_from, posted_text
from apps.core.links import per_pk

from . import pages, scoring, services
from .enums import ScorecardStatus
from .models import RoundEntry, Scorecard


def pending_for(user):
    """(entry, own scorecard or None) for every unit the user may score that is still open or that they
    scored, in round order. A member of the provincial committee sits every year: decided units they never
    scored are left out, and only the columns the list shows are read."""
    mine = Scorecard.objects.filter(member=user, status=ScorecardStatus.SUBMITTED).values("entry_id")
    entries = list(
        RoundEntry.objects.scorable_by(user)
        .filter(Q(decision="") | Q(pk__in=mine))
        .select_related("round", "enrolment__unit__district")
        .only(
            "decision",
            "round__title",
            "round__starts_on",
            "enrolment__unit__name",
            "enrolment__unit__district__name_th",
        )
        .order_by("round__starts_on", "round_id", "order")
    )
    cards = {
        c.entry_id: c
        for c in Scorecard.objects.filter(member=user, entry__in=[e.pk for e in entries]).only(
            "entry_id", "status", "percent"
        )
    }
    return [(e, cards.get(e.pk)) for e in entries]


@staff_view
def my_scorecards(request):
    link = per_pk("evaluation:score")
    rows = [(e, card, link(e.pk)) for e, card in pending_for(request.user)]
    todo = [r for r in rows if not (r[1] and r[1].status == ScorecardStatus.SUBMITTED) and not r[0].decision]
    done = [r for r in rows if r[1] and r[1].status == ScorecardStatus.SUBMITTED]
    return render(request, "evaluation/my_scorecards.html", {"todo": todo, "done": done})


@staff_view
def score_entry(request, pk):
    # 404 for a unit outside one's rounds or in conflict of interest: the rule is in scorable_by.
    entry = get_object_or_404(
        RoundEntry.objects.scorable_by(request.user).select_related(
            "round__committee__year", "enrolment__unit__district"
        ),
        pk=pk,
    )
    card = services.scorecard_for(entry, request.user)
    sset = card.standard_set if card.standard_set_id else None
    indicators = scoring.indicators_of(sset) if sset else []
    errors = []
    values, comments = pages.saved_scores(card)
    comment = card.comment
    if request.method == "POST":
        values, comments, errors = pages.parse_scores(request.POST, indicators)
        comment = posted_text(request.POST, "comment")
        if not errors:
            submit = "submit" in request.POST
            try:
                services.save_scorecard(
                    entry,
                    request.user,
                    values=values,
                    comments=comments,
                    comment=comment,
                    submit=submit,
                    by=request.user,
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("ส่งใบให้คะแนนแล้ว") if submit else _("บันทึกร่างแล้ว"))
                if submit:
                    return redirect("evaluation:my_scorecards")
                return redirect("evaluation:score", pk=entry.pk)
    rows = pages.score_rows(indicators, values, comments)
    others = []
    if card.status == ScorecardStatus.SUBMITTED:
        others = (
            Scorecard.objects.visible_to(request.user)
            .filter(entry=entry)
            .exclude(pk=card.pk)
            .select_related("seat__person")
        )
    return render(
        request,
        "evaluation/score.html",
        {
            "entry": entry,
            "card": card,
            "rows": rows,
            "errors": errors,
            "comment": comment,
            "sset": sset,
            "submitted": card.status == ScorecardStatus.SUBMITTED,
            "others": others,
        },
    )


@staff_view
@require_POST
def declare_conflict(request, pk):
    """The member declares a conflict of interest with this unit (reason required); 404 outside their units."""
    entry = get_object_or_404(RoundEntry.objects.scorable_by(request.user), pk=pk)
    try:
        services.declare_conflict(entry, request.user, reason=posted_text(request.POST, "reason", 2000))
    except ValidationError as exc:
        messages_from(request, exc)
        return redirect("evaluation:score", pk=entry.pk)
    messages.success(
        request,
        _("บันทึกการแจ้งส่วนได้เสียแล้ว หน่วยนับ %(u)s ไม่อยู่ในรายการให้คะแนนของท่าน") % {"u": entry.enrolment.unit},
    )
    return redirect("evaluation:my_scorecards")
