"""The development app's panel on /app/ for district officers."""

import datetime as dt

from django.db.models import Max
from django.utils import timezone

from apps.registry.enums import DeadlineKind, Outcome, Stage
from apps.registry.models import Deadline, Enrolment

from .enums import PlanStatus


def landing_context(request):
    """District officer panel: assessments and plans due, units not visited for four weeks."""
    today = timezone.localdate()
    scope = request.user.scope
    qs = (
        Enrolment.objects.visible_to(request.user)
        .filter(
            unit__district_id__in=scope.district_ids,
            outcome=Outcome.IN_PROGRESS,
            stage__in=[Stage.REINFORCEMENT, Stage.SELF_DEVELOPMENT],
            year__is_open=True,
        )
        .select_related("unit", "self_assessment", "plan")
        # only what the panel shows: grouping (for the last visit) by every column of four tables cost more
        # than the rest of the panel
        .only("unit__name", "self_assessment__percent", "plan__status")
        .annotate(last_visit=Max("visits__visited_on"))
    )
    due, unvisited = [], []
    for e in qs:
        sa = getattr(e, "self_assessment", None)
        plan = getattr(e, "plan", None)
        if sa is None or sa.percent is None or plan is None or plan.status != PlanStatus.SUBMITTED:
            due.append(
                {
                    "e": e,
                    "needs_assessment": sa is None or sa.percent is None,
                    "needs_plan": plan is None or plan.status != PlanStatus.SUBMITTED,
                }
            )
        if e.last_visit is None or e.last_visit < today - dt.timedelta(weeks=4):
            unvisited.append(e)
    deadline = (
        Deadline.objects.filter(
            kind=DeadlineKind.PLANS,
            year__is_open=True,
            year__province_id__in={d[:2] for d in scope.district_ids},
            due_on__gte=today - dt.timedelta(days=60),
        )
        .order_by("due_on")
        .first()
    )
    return {
        "dev_due": due[:15],
        "dev_due_count": len(due),
        "dev_unvisited": unvisited[:15],
        "dev_unvisited_count": len(unvisited),
        "dev_plans_deadline": deadline,
    }
