"""Landing-page panels of /app/: scorecards to fill (members) and decisions due (chairs, secretaries)."""

from django.db.models import Count, Q

from .enums import DECIDING_ROLES, ScorecardStatus
from .models import CommitteeMember, Round, RoundEntry, Scorecard


def scorecards_context(request):
    user = request.user
    # A subquery: exclude(scorecards__member=…, scorecards__status=…) spans two scorecards and would hide an
    # entry where this member has a draft and another member has submitted.
    submitted = Scorecard.objects.filter(member_id=user.pk, status=ScorecardStatus.SUBMITTED).values(
        "entry_id"
    )
    open_entries = RoundEntry.objects.scorable_by(user).filter(decision="").exclude(pk__in=submitted)
    # Counted per round in one grouped pass over the member's open entries, then the rounds by key: joining the
    # rounds to all their entries and filtering each by the same subquery cost 20–50 ms on a national database.
    todo = dict(
        open_entries.order_by().values("round_id").annotate(n=Count("pk")).values_list("round_id", "n")
    )
    rounds = list(Round.objects.filter(pk__in=list(todo)).select_related("committee").order_by("starts_on"))
    for r in rounds:
        r.n_todo = todo[r.pk]
    return {"rounds": rounds}


def decisions_context(request):
    committees = (
        CommitteeMember.objects.active()
        .filter(user=request.user, role__in=list(DECIDING_ROLES))
        .values("committee_id")
    )
    rounds = (
        Round.objects.filter(committee_id__in=committees)
        .annotate(
            n_open=Count("entries", filter=Q(entries__decision=""), distinct=True),
            n_all=Count("entries", distinct=True),
        )
        .filter(n_open__gt=0)
        .select_related("committee")
        .order_by("starts_on")
    )
    return {"rounds": rounds}
