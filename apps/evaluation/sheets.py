"""Blank scoring sheets (ใบให้คะแนน) for a member to fill in on paper: per member, one page per unit of the round
they may score (conflicts excluded, the rule of RoundEntry.scorable_for_seat), the indicators with their maximum
scores, boxes to write in, a signature line. The secretary types the signed sheets in (views_paper.py)."""

from django.utils import timezone

from apps.core.pdf import render_pdf

from . import scoring
from .models import CommitteeMember, RoundEntry


def sheet_pages(rnd, seats):
    """[{seat, entry, sset, rows}] for the given seats of the round's committee, in seat and presentation order."""
    pages, sets, set_of = [], {}, {}
    for seat in seats:
        entries = (
            RoundEntry.objects.scorable_for_seat(seat)
            .filter(round=rnd, decision="")
            .select_related("enrolment__unit__district", "enrolment__year")
            .order_by("order", "pk")
        )
        for entry in entries:
            key = (entry.enrolment.year_id, entry.enrolment.unit.target_type)
            if key not in set_of:  # one catalogue per year and type: read once, not once per unit and member
                set_of[key] = scoring.standard_set_for(entry.enrolment)
            sset = set_of[key]
            if sset is not None and sset.pk not in sets:
                sets[sset.pk] = scoring.indicators_of(sset)
            rows, component = [], None
            for ind in sets.get(sset.pk, []) if sset else []:
                rows.append(
                    {"ind": ind, "max": scoring.max_of(ind), "new_component": ind.component_id != component}
                )
                component = ind.component_id
            pages.append({"seat": seat, "entry": entry, "sset": sset, "rows": rows})
    return pages


def sheets_pdf(rnd, seat_id=None):
    seats = (
        CommitteeMember.objects.active()
        .filter(committee_id=rnd.committee_id)
        .select_related("person__home_district")
    )
    if seat_id:
        seats = seats.filter(pk=seat_id)
    pages = sheet_pages(rnd, list(seats))
    if not pages:
        return None
    return render_pdf(
        "evaluation/pdf/scoring_sheet.html",
        {"round": rnd, "committee": rnd.committee, "pages": pages, "printed_at": timezone.now()},
    )
