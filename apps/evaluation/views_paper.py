"""The secretary's side of members without an account (issue 18): the round's members with their progress,
blank scoring sheets to print (a generated PDF), typing in a member's scores from the signed sheet (audited as
recorded on their behalf), and one-time scoring links sent by e-mail or revoked."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.forms import messages_from, posted_text
from apps.core.generated import request_file

from . import links, pages, scoring, services
from .builders import SHEETS_KIND
from .enums import ScorecardStatus
from .forms import LinkForm, PaperConflictForm, SheetsForm
from .models import CommitteeMember, ConflictDeclaration, Round, RoundEntry, Scorecard, ScoringLink

PERM = "evaluation.record_on_behalf"


def _round(request, pk):
    rnd = get_object_or_404(
        Round.objects.visible_to(request.user).select_related("committee__year__province"), pk=pk
    )
    require_perm(request.user, PERM, rnd)
    return rnd


def _seat(rnd, seat_id):
    return get_object_or_404(
        CommitteeMember.objects.active().select_related("person", "user"),
        pk=seat_id,
        committee_id=rnd.committee_id,
    )


@staff_view
def round_members(request, pk):
    rnd = _round(request, pk)
    seats = list(
        CommitteeMember.objects.active()
        .filter(committee_id=rnd.committee_id)
        .select_related("person", "user")
        .annotate(
            n_done=Count(
                "scorecards",
                filter=Q(scorecards__entry__round=rnd, scorecards__status=ScorecardStatus.SUBMITTED),
            )
        )
    )
    now = timezone.now()
    live = {}
    for link in ScoringLink.objects.filter(round=rnd).order_by("-created_at"):
        link.usable = link.revoked_at is None and link.spent_at is None and link.expires_at > now
        live.setdefault(link.seat_id, []).append(link)
    for s in seats:
        s.n_units = RoundEntry.objects.scorable_for_seat(s).filter(round=rnd).count()
        s.sent_links = live.get(s.pk, [])
    return render(
        request,
        "evaluation/round_members.html",
        {"round": rnd, "committee": rnd.committee, "seats": seats, "link_form": LinkForm()},
    )


@staff_view
@require_POST
def sheets(request, pk):
    """Queue the blank scoring sheets of one member (posted `seat`) or of every member: a PDF built by the worker."""
    rnd = _round(request, pk)
    form = SheetsForm(request.POST)
    seat = None
    if form.is_valid() and form.cleaned_data["seat"]:
        seat = _seat(rnd, form.cleaned_data["seat"])
    title = _("ใบให้คะแนน %(r)s") % {"r": rnd.title}
    if seat is not None:
        title += f" — {seat.person}"
    gf = request_file(
        rnd,
        kind=SHEETS_KIND,
        title=title,
        by=request.user,
        params={"seat": seat.pk} if seat else {},
        perm=PERM,
        back=reverse("evaluation:round_members", args=[rnd.pk]),
    )
    return redirect("core:file_status", token=gf.token)


@staff_view
def paper_units(request, pk, seat_id):
    """The units a member may score in the round, with their scorecard's state: the secretary picks one to type in."""
    rnd = _round(request, pk)
    seat = _seat(rnd, seat_id)
    entries = list(
        RoundEntry.objects.scorable_for_seat(seat)
        .filter(round=rnd)
        .select_related("enrolment__unit__district")
        .order_by("order", "pk")
    )
    cards = {
        c.entry_id: c
        for c in Scorecard.objects.filter(seat=seat, entry__round=rnd).select_related("recorded_by")
    }
    rows = [(e, cards.get(e.pk)) for e in entries]
    declared = ConflictDeclaration.objects.filter(seat=seat, entry__round=rnd).select_related(
        "entry__enrolment__unit"
    )
    return render(
        request,
        "evaluation/paper_units.html",
        {"round": rnd, "seat": seat, "rows": rows, "declared": declared},
    )


@staff_view
def paper_score(request, pk, seat_id, entry_id):
    """Type in one unit's scores from the member's signed paper sheet (draft or submit), on their behalf."""
    rnd = _round(request, pk)
    seat = _seat(rnd, seat_id)
    # 404 for a unit the member may not score (conflict of interest computed from data or declared)
    entry = get_object_or_404(
        RoundEntry.objects.scorable_for_seat(seat)
        .filter(round=rnd)
        .select_related("round__committee__year", "enrolment__unit__district"),
        pk=entry_id,
    )
    card = services.scorecard_for(entry, seat)
    sset = card.standard_set if card.standard_set_id else None
    indicators = scoring.indicators_of(sset) if sset else []
    values, comments = pages.saved_scores(card)
    comment, errors = card.comment, []
    if request.method == "POST":
        values, comments, errors = pages.parse_scores(request.POST, indicators)
        comment = posted_text(request.POST, "comment")
        if not errors:
            submit = "submit" in request.POST
            try:
                services.save_seat_scorecard(
                    entry,
                    seat,
                    values=values,
                    comments=comments,
                    comment=comment,
                    submit=submit,
                    by=request.user,
                    recorded_by=request.user,
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request,
                    (_("บันทึกคะแนนแทน %(p)s และส่งแล้ว") if submit else _("บันทึกร่างแทน %(p)s แล้ว"))
                    % {"p": seat.person},
                )
                return redirect("evaluation:paper_units", pk=rnd.pk, seat_id=seat.pk)
    submitted = card.status == ScorecardStatus.SUBMITTED
    return render(
        request,
        "evaluation/paper_score.html",
        {
            "round": rnd,
            "seat": seat,
            "entry": entry,
            "card": card,
            "rows": pages.score_rows(indicators, values, comments),
            "errors": errors,
            "comment": comment,
            "sset": sset,
            "submitted": submitted,
        },
    )


@staff_view
@require_POST
def link_send(request, pk, seat_id):
    rnd = _round(request, pk)
    seat = _seat(rnd, seat_id)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("อีเมลไม่ถูกต้อง"))
        return redirect("evaluation:round_members", pk=rnd.pk)
    try:
        link, _url = links.issue_link(rnd, seat, by=request.user, email=form.cleaned_data["email"])
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        messages.success(request, _("ส่งลิงก์ให้คะแนนถึง %(e)s แล้ว") % {"e": link.sent_to})
    return redirect("evaluation:round_members", pk=rnd.pk)


@staff_view
@require_POST
def link_revoke(request, pk, link_id):
    rnd = _round(request, pk)
    link = get_object_or_404(ScoringLink.objects.select_related("seat__person"), pk=link_id, round=rnd)
    links.revoke_link(link, by=request.user)
    messages.success(request, _("ยกเลิกลิงก์ให้คะแนนของ %(p)s แล้ว") % {"p": link.seat.person})
    return redirect("evaluation:round_members", pk=rnd.pk)


@staff_view
@require_POST
def paper_conflict(request, pk, seat_id, entry_id):
    """Record, on the member's behalf, a conflict of interest they declared on their signed paper sheet (reason
    required; audited as recorded by the secretary on their behalf): the unit leaves their sheet, link and
    scorecards as for any other declaration."""
    rnd = _round(request, pk)
    seat = _seat(rnd, seat_id)
    entry = get_object_or_404(
        RoundEntry.objects.scorable_for_seat(seat).filter(round=rnd).select_related("enrolment__unit"),
        pk=entry_id,
    )
    form = PaperConflictForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("กรุณาระบุเหตุผลที่กรรมการแจ้งไว้ในใบให้คะแนน"))
        services.declare_seat_conflict(
            entry, seat, reason=form.cleaned_data["reason"], by=request.user, recorded_by=request.user
        )
    except ValidationError as exc:
        messages_from(request, exc)
        return redirect("evaluation:paper_score", pk=rnd.pk, seat_id=seat.pk, entry_id=entry.pk)
    messages.success(
        request,
        _("บันทึกส่วนได้เสียที่ %(p)s แจ้งไว้ในใบให้คะแนนแล้ว หน่วยนับ %(u)s ไม่อยู่ในรายการให้คะแนนของกรรมการท่านนี้")
        % {"p": seat.person, "u": entry.enrolment.unit},
    )
    return redirect("evaluation:paper_units", pk=rnd.pk, seat_id=seat.pk)
