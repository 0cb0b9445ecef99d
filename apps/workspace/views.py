"""Staff workspace: the landing page of each role and the history of an object."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from apps.accounts.rules import can_manage_province, is_admin, is_national_viewer, is_province_staff
from apps.core.access import staff_view
from apps.core.landing import panels_for
from apps.core.models import AuditEvent
from apps.registry.models import Deadline


@staff_view
def home(request):
    today = timezone.localdate()
    # The bare list of deadlines is for the province desk and viewers; a district officer sees the same
    # deadlines with their own delivery status in the reporting panel, a committee member has none to meet.
    shows_deadlines = (is_admin | is_province_staff | is_national_viewer)(request.user)
    deadlines = (
        []
        if not shows_deadlines
        else (
            Deadline.objects.visible_to(request.user)
            .filter(due_on__gte=today - dt.timedelta(days=30), due_on__lte=today + dt.timedelta(days=120))
            .select_related("year__province")
            .order_by("due_on")[:20]
        )
    )
    # The page names every role assignment (RoleAssignment.__str__ reads its district or province): two
    # queries for all of them, not one per assignment, and not a join on every other page that reads the scope.
    prefetch_related_objects(request.user.scope.assignments, "district", "province")
    return render(
        request,
        "app/home.html",
        {
            "deadlines": [{"d": d, "days": (d.due_on - today).days} for d in deadlines],
            "shows_deadlines": shows_deadlines,
            "panels": panels_for(request),
            "scope": request.user.scope,
        },
    )


@staff_view
def history(request, ct_id, object_id):
    """Audit history of one object, for those who manage its province."""
    try:
        ct = ContentType.objects.get_for_id(ct_id)
    except ContentType.DoesNotExist:
        raise Http404 from None
    model = ct.model_class()
    if model is None or not hasattr(model.objects, "visible_to"):
        raise Http404
    obj = model.objects.visible_to(request.user).filter(pk=object_id).first()
    if obj is None:
        raise Http404
    if not can_manage_province(request.user, obj):
        raise PermissionDenied
    events = AuditEvent.objects.for_object(obj).select_related("actor")[:500]
    return render(request, "app/history.html", {"obj": obj, "events": events})
