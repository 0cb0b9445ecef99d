"""What the development pages share: the enrolment a page is about (404 outside the user's scope, 403 without the
right to edit) and everything the unit page shows."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from apps.core.access import require_perm
from apps.registry.enums import Outcome
from apps.registry.models import Enrolment

from .models import Activity, CommunityIndicator, Plan, SelfAssessment, Visit
from .selectors import indicators_of, standard_set_for
from .services import assessment as assessment_services

PERM = "development.edit_unit_work"


def enrolments_for(user):
    return Enrolment.objects.visible_to(user).exclude(outcome=Outcome.WITHDRAWN)


def get_enrolment(request, pk):
    return get_object_or_404(
        enrolments_for(request.user).select_related(
            "unit__district", "unit__village", "year__province", "mentor"
        ),
        pk=pk,
    )


def editable_enrolment(request, pk):
    e = get_enrolment(request, pk)
    require_perm(request.user, PERM, e)
    return e


def unit_page_data(e):
    """Everything the unit page shows, in a constant number of queries."""
    sa = (
        SelfAssessment.objects.filter(enrolment=e)
        .select_related("standard_set")
        .prefetch_related("answers", "files")
        .first()
    )
    sset = sa.standard_set if sa else standard_set_for(e)
    indicators = list(indicators_of(sset)) if sset else []
    result = assessment_services.result_of(sa, indicators) if sa else None
    plan = (
        Plan.objects.filter(enrolment=e)
        .prefetch_related(
            "goals",
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("goal").prefetch_related("indicators", "photos"),
            ),
        )
        .first()
    )
    visits = list(Visit.objects.filter(enrolment=e).select_related("created_by").prefetch_related("photos"))
    community = list(CommunityIndicator.objects.filter(enrolment=e))
    return {
        "sa": sa,
        "sset": sset,
        "indicators": indicators,
        "result": result,
        "plan": plan,
        "visits": visits,
        "community": community,
    }
