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
    rounds = (
        Round.objects.filter(entries__in=open_entries)
        .distinct()
        .select_related("committee")
        .annotate(n_todo=Count("entries", filter=Q(entries__in=open_entries), distinct=True))
        .order_by("starts_on")
    )
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
