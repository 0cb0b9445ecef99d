"""Programme years: list, open, settings, calendar, targets, sub-types and zones (provincial staff)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.audit import audit
from apps.geo.models import District, Province, Zone
from apps.geo.services import save_zone

from . import services
from .enums import Outcome, Stage, TargetType
from .forms import CalendarForm, OpenYearForm, SubTypeForm, TargetsForm, YearSettingsForm, ZoneForm
from .models import DistrictTarget, Enrolment, ProgrammeYear, SubType


def _form_errors(form, exc):
    for msg in exc.messages:
        form.add_error(None, msg)


@staff_view
def year_list(request):
    years = (
        ProgrammeYear.objects.visible_to(request.user)
        .select_related("province")
        .annotate(
            n_enrolled=Count("enrolments", distinct=True),
            n_certified=Count("enrolments", filter=Q(enrolments__outcome=Outcome.CERTIFIED), distinct=True),
        )
    )
    return render(
        request,
        "registry/year_list.html",
        {
            "years": years,
            "can_open": request.user.has_perm("registry.open_year"),
        },
    )


@staff_view
def year_open(request):
    require_perm(request.user, "registry.open_year")
    scope = request.user.scope
    provinces = (
        Province.objects.all()
        if scope.is_admin
        else Province.objects.filter(code__in=scope.staff_province_ids)
    )
    years = ProgrammeYear.objects.filter(province__in=provinces)
    form = OpenYearForm(
        request.POST or None,
        provinces=provinces,
        years=years,
        initial={"copy_from": years.order_by("-fiscal_year").first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            year = services.open_programme_year(
                form.cleaned_data["province"],
                form.cleaned_data["fiscal_year"],
                by=request.user,
                copy_from=form.cleaned_data["copy_from"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("เปิดปีงบประมาณ %(fy)s แล้ว") % {"fy": year.fiscal_year})
            return redirect("registry:year", pk=year.pk)
    return render(request, "registry/year_open.html", {"form": form})


@staff_view
def year_detail(request, pk):
    year = visible_or_404(ProgrammeYear, request.user, pk=pk)
    districts = list(District.objects.filter(province_id=year.province_id))
    targets = {}
    for t in DistrictTarget.objects.filter(year=year):
        targets.setdefault(t.district_id, {})[t.target_type] = t
    enrolled = {}
    for row in (
        Enrolment.objects.filter(year=year)
        .exclude(outcome=Outcome.WITHDRAWN)
        .values("unit__district_id", "unit__target_type")
        .annotate(n=Count("pk"))
    ):
        enrolled[(row["unit__district_id"], row["unit__target_type"])] = row["n"]
    grid = []
    for d in districts:
        cells = []
        for tt in TargetType:
            t = targets.get(d.code, {}).get(tt.value)
            n = enrolled.get((d.code, tt.value), 0)
            cells.append(
                {
                    "type": tt,
                    "target": t.target if t else 1,
                    "confirmed": bool(t and t.confirmed),
                    "enrolled": n,
                    "missing": n == 0,
                    "met": n >= (t.target if t else 1),
                }
            )
        grid.append(
            {"district": d, "cells": cells, "can_edit": request.user.has_perm("registry.propose_targets", d)}
        )
    zones = Zone.objects.filter(province_id=year.province_id, fiscal_year=year.fiscal_year).prefetch_related(
        "districts"
    )
    sub_types = SubType.objects.filter(year=year)
    return render(
        request,
        "registry/year_detail.html",
        {
            "year": year,
            "periods": year.stage_periods.all(),
            "deadlines": year.deadlines.all(),
            "grid": grid,
            "types": TargetType,
            "zones": zones,
            "sub_types": sub_types,
            "can_manage": request.user.has_perm("registry.manage_year", year),
            "stages": Stage,
        },
    )


@staff_view
def year_settings(request, pk):
    year = visible_or_404(ProgrammeYear, request.user, pk=pk)
    require_perm(request.user, "registry.manage_year", year)
    before = {f: getattr(year, f) for f in YearSettingsForm.Meta.fields}
    form = YearSettingsForm(request.POST or None, instance=year)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit(
            request.user,
            "programme_year.settings_changed",
            year,
            before=before,
            after={f: getattr(year, f) for f in YearSettingsForm.Meta.fields},
        )
        messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
        return redirect("registry:year", pk=year.pk)
    return render(
        request, "registry/year_form.html", {"year": year, "form": form, "title": _("ตั้งค่าปีงบประมาณ")}
    )


@staff_view
def year_calendar(request, pk):
    year = visible_or_404(ProgrammeYear, request.user, pk=pk)
    require_perm(request.user, "registry.manage_year", year)
    form = CalendarForm(request.POST or None, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_calendar(
                year, periods=form.periods(), deadlines=form.deadlines(), by=request.user
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกปฏิทินและกำหนดส่งแล้ว"))
            return redirect("registry:year", pk=year.pk)
    return render(request, "registry/year_calendar.html", {"year": year, "form": form})


@staff_view
def year_targets(request, pk, district):
    year = visible_or_404(ProgrammeYear, request.user, pk=pk)
    district = get_object_or_404(
        District.objects.visible_to(request.user), code=district, province_id=year.province_id
    )
    if not request.user.has_perm("registry.propose_targets", district):
        raise PermissionDenied
    confirm = request.user.has_perm("registry.confirm_targets", district)
    current = dict(
        DistrictTarget.objects.filter(year=year, district=district).values_list("target_type", "target")
    )
    form = TargetsForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_targets(year, district, form.cleaned_data, by=request.user, confirm=confirm)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกเป้าหมายของอำเภอ%(d)s แล้ว") % {"d": district.name_th})
            return redirect("registry:year", pk=year.pk)
    return render(
        request,
        "registry/year_form.html",
        {
            "year": year,
            "form": form,
            "title": _("เป้าหมายอำเภอ%(d)s") % {"d": district.name_th},
            "help": _("แนวทางข้อ 1.2: ดำเนินการในทุกอำเภอ ๆ ละ ๔ ประเภท อย่างน้อยประเภทละ ๑ หน่วยนับ"),
        },
    )


@staff_view
def year_subtypes(request, pk):
    year = visible_or_404(ProgrammeYear, request.user, pk=pk)
    require_perm(request.user, "registry.manage_year", year)
    form = SubTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                st = SubType.objects.create(year=year, **form.cleaned_data)
        except IntegrityError:
            form.add_error("name", _("มีประเภทย่อยชื่อนี้แล้ว"))
        else:
            audit(request.user, "subtype.added", year, after=form.cleaned_data)
            messages.success(request, _("เพิ่ม %(n)s แล้ว") % {"n": st.name})
            return redirect("registry:year_subtypes", pk=year.pk)
    return render(
        request,
        "registry/year_subtypes.html",
        {
            "year": year,
            "form": form,
            "sub_types": SubType.objects.filter(year=year),
        },
    )


@staff_view
@require_POST
def year_subtype_toggle(request, pk, subtype_id):
    year = visible_or_404(ProgrammeYear, request.user, pk=pk)
    require_perm(request.user, "registry.manage_year", year)
    st = get_object_or_404(SubType, pk=subtype_id, year=year)
    st.is_active = not st.is_active
    st.save(update_fields=["is_active"])
    audit(request.user, "subtype.toggled", year, after={"name": st.name, "is_active": st.is_active})
    return redirect("registry:year_subtypes", pk=year.pk)


@staff_view
def zone_edit(request, pk, zone_id=None):
    year = visible_or_404(ProgrammeYear, request.user, pk=pk)
    require_perm(request.user, "registry.manage_year", year)
    zone = None
    if zone_id is not None:
        zone = get_object_or_404(Zone, pk=zone_id, province_id=year.province_id, fiscal_year=year.fiscal_year)
    districts = District.objects.filter(province_id=year.province_id)
    initial = (
        {"name": zone.name, "districts": list(zone.memberships.values_list("district_id", flat=True))}
        if zone
        else {}
    )
    form = ZoneForm(request.POST or None, districts=districts, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_zone(
                year.province,
                year.fiscal_year,
                form.cleaned_data["name"],
                form.cleaned_data["districts"],
                by=request.user,
                zone=zone,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกโซนแล้ว"))
            return redirect("registry:year", pk=year.pk)
    return render(
        request,
        "registry/year_form.html",
        {
            "year": year,
            "form": form,
            "title": _("แก้ไขโซน") if zone else _("เพิ่มโซนอำเภอ"),
        },
    )
