"""Supervision: record visits, the units nobody visited for N weeks, a month calendar per district."""

import calendar
import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import staff_view
from apps.core.forms import form_errors, messages_from
from apps.core.query import read_query
from apps.core.thaidates import MONTHS, format_date
from apps.geo.models import District
from apps.registry.enums import Outcome, Stage

from .filters import CalendarQuery, SupervisionQuery
from .forms import VisitForm
from .models import Visit
from .pages import editable_enrolment, enrolments_for
from .selectors import pick_year
from .services.supervision import record_visit, remove_visit

WEEK_CHOICES = [2, 4, 6, 8, 12]


@staff_view
def supervision(request):
    """Units in stages 3–4 that nobody has visited for N weeks (N from ?weeks=), and the latest visits."""
    year, years = pick_year(request.user, request.GET.get("year"))
    districts = District.objects.filter(province_id=year.province_id) if year else District.objects.none()
    query = read_query(SupervisionQuery, request, districts=districts)
    weeks, district = query["weeks"], query["district"]
    today = timezone.localdate()
    since = today - dt.timedelta(weeks=weeks)
    qs = enrolments_for(request.user).filter(
        year=year, outcome=Outcome.IN_PROGRESS, stage__in=[Stage.REINFORCEMENT, Stage.SELF_DEVELOPMENT]
    )
    if district:
        qs = qs.filter(unit__district_id=district)
    rows = (
        qs.select_related("unit__district", "mentor")
        .annotate(last_visit=Max("visits__visited_on"))
        .order_by("last_visit", "unit__district_id", "unit__name")
    )
    unvisited = [e for e in rows if e.last_visit is None or e.last_visit < since]
    recent = Visit.objects.visible_to(request.user).filter(enrolment__year=year)
    if district:
        recent = recent.filter(enrolment__unit__district_id=district)
    recent = recent.select_related("enrolment__unit__district").order_by("-visited_on", "-pk")[:20]
    return render(
        request,
        "development/supervision.html",
        {
            "year": year,
            "years": years,
            "weeks": weeks,
            "week_choices": WEEK_CHOICES,
            "unvisited": unvisited,
            "recent": recent,
            "since": since,
            "district": district,
            "districts": districts,
            "today": today,
        },
    )


@staff_view
def supervision_calendar(request):
    """Month grid (Monday first) of visits and learning events of one district, server-rendered."""
    scope = request.user.scope
    # A district's calendar: its own officers and committee, and province-wide readers (404 for others).
    visible = (
        District.objects.filter(
            Q(code__in=scope.district_ids | scope.district_committee_ids)
            | Q(province_id__in=scope.staff_province_ids | scope.national_province_ids)
        )
        if not scope.all_provinces
        else District.objects.all()
    )
    code = request.GET.get("district") or (sorted(scope.district_ids)[0] if scope.district_ids else None)
    if code:
        district = get_object_or_404(visible, code=code)
    else:
        district = get_object_or_404(visible.order_by("code")[:1])
    first = read_query(CalendarQuery, request)["month"] or timezone.localdate().replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    visits = (
        Visit.objects.visible_to(request.user)
        .filter(enrolment__unit__district=district, visited_on__range=(first, last))
        .select_related("enrolment__unit")
        .order_by("visited_on", "pk")
    )
    by_day = {}
    for v in visits:
        by_day.setdefault(v.visited_on, []).append(v)
    weeks = [
        [{"date": d, "in_month": d.month == first.month, "visits": by_day.get(d, [])} for d in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = last + dt.timedelta(days=1)
    return render(
        request,
        "development/calendar.html",
        {
            "district": district,
            "weeks": weeks,
            "first": first,
            "month_label": f"{MONTHS[first.month - 1]} {first.year + 543}",
            "prev": f"{prev_month.year}-{prev_month.month:02d}",
            "next": f"{next_month.year}-{next_month.month:02d}",
            "districts": visible.filter(province_id=district.province_id),
            "count": len(visits),
            "today": timezone.localdate(),
            "weekdays": ["จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา."],
        },
    )


@staff_view
def visit_edit(request, pk, visit_id=None):
    e = editable_enrolment(request, pk)
    visit = get_object_or_404(Visit, pk=visit_id, enrolment=e) if visit_id else None
    form = VisitForm(
        request.POST or None,
        request.FILES or None,
        instance=visit,
        initial=None
        if visit
        else {"visited_on": timezone.localdate(), "visitors": request.user.get_full_name()},
    )
    if request.method == "POST" and form.is_valid():
        data = {
            f: form.cleaned_data[f]
            for f in ("kind", "visited_on", "visitors", "learned", "advice", "next_step")
        }
        try:
            record_visit(e, data, photos=form.cleaned_data["photos"], by=request.user, visit=visit)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการติดตามนิเทศแล้ว"))
            return redirect("development:unit", pk=e.pk)
    return render(
        request,
        "development/visit_form.html",
        {
            "e": e,
            "form": form,
            "visit": visit,
            "title": _("แก้ไขบันทึกการติดตาม") if visit else _("บันทึกการติดตามนิเทศ/เวทีเรียนรู้"),
        },
    )


@staff_view
@require_POST
def visit_remove(request, pk, visit_id):
    e = editable_enrolment(request, pk)
    visit = get_object_or_404(Visit.objects.select_related("enrolment"), pk=visit_id, enrolment=e)
    try:
        remove_visit(visit, by=request.user)
    except ValidationError as exc:
        messages_from(request, exc)
        return redirect("development:visit_edit", pk=e.pk, visit_id=visit.pk)
    messages.success(
        request,
        _("ลบบันทึกการติดตามวันที่ %(d)s แล้ว รูปถ่ายยังอยู่ในรูปถ่ายของหน่วยนับ") % {"d": format_date(visit.visited_on)},
    )
    return redirect("development:unit", pk=e.pk)
