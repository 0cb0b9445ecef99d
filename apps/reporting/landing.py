"""Landing panels of /app/: a district sees its reports due or returned, the province what waits for review."""

import datetime as dt

from django.utils import timezone

from apps.accounts.rules import is_district_officer
from apps.geo.models import District
from apps.registry.models import Deadline

from .models import DELIVERED, Submission, SubmissionState
from .rules import reads_province_reports

sends_reports = is_district_officer
reads_reports = reads_province_reports


def district_panel(request):
    scope = request.user.scope
    today = timezone.localdate()
    codes = scope.district_ids
    deadlines = list(
        Deadline.objects.filter(
            year__province_id__in={c[:2] for c in codes},
            due_on__lte=today + dt.timedelta(days=60),
            due_on__gte=today - dt.timedelta(days=200),
        )
        .select_related("year")
        .order_by("due_on")
    )
    subs = {
        (s.year_id, s.district_id, s.kind): s
        for s in Submission.objects.filter(district_id__in=codes, year_id__in={d.year_id for d in deadlines})
    }
    districts = {d.code: d for d in District.objects.filter(code__in=codes)}
    due = []
    for d in deadlines:
        for code in sorted(codes):
            if code[:2] != d.year.province_id:
                continue
            s = subs.get((d.year_id, code, d.kind))
            if s is None or s.state not in DELIVERED:
                due.append(
                    {"deadline": d, "district": districts[code], "sub": s, "days": (d.due_on - today).days}
                )
    returned = (
        Submission.objects.filter(district_id__in=codes, state=SubmissionState.RETURNED)
        .select_related("year", "district")
        .order_by("-returned_at")
    )
    return {"due": due, "returned": list(returned)}


def province_panel(request):
    scope = request.user.scope
    qs = Submission.objects.visible_to(request.user).filter(state=SubmissionState.SUBMITTED)
    if not scope.all_provinces:
        qs = qs.filter(year__province_id__in=scope.staff_province_ids | scope.national_province_ids)
    waiting = list(qs.select_related("year", "district").order_by("submitted_at")[:15])
    return {"waiting": waiting, "waiting_count": qs.count()}
