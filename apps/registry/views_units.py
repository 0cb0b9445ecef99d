"""Units (หน่วยนับ): list, detail with the history across years, create, edit; enrolment and carry-over."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.forms import form_errors
from apps.core.query import warn_invalid
from apps.geo.models import Subdistrict

from . import services, services_units
from .enums import Outcome, Stage, TargetType
from .filters import unit_filters
from .forms import EnrolForm, MentorForm, UnitForm, WithdrawForm
from .models import Enrolment, Photo, SubType, Unit
from .selectors import (
    default_year,
    district_or_404,
    home_district,
    visible_districts,
    year_for_district,
    years_for,
)


@staff_view
def unit_list(request):
    f = unit_filters(request.user, request.GET)
    warn_invalid(request, f["filter"].form)
    page = Paginator(f["qs"], 50).get_page(request.GET.get("page"))
    rows = [{"unit": u, "enrolment": (getattr(u, "year_enrolments", None) or [None])[0]} for u in page]
    district = f["district"]
    subdistricts = (
        Subdistrict.objects.filter(district_id=district) if district else Subdistrict.objects.none()
    )
    # One option per name: the same sub-type name may exist under several target types (unique per type), and
    # DISTINCT over the model's ordering columns kept each of them.
    sub_types = (
        list(dict.fromkeys(SubType.objects.filter(year=f["year"]).values_list("name", flat=True)))
        if f["year"]
        else []
    )
    params = request.GET.copy()
    params.pop("page", None)
    can_create = bool(
        request.user.scope.district_ids
        or request.user.scope.staff_province_ids
        or request.user.scope.is_admin
    )
    return render(
        request,
        "registry/unit_list.html",
        {
            **f,
            "page": page,
            "rows": rows,
            "types": TargetType,
            "stages": Stage,
            "subdistricts": subdistricts,
            "sub_types": sub_types,
            "query": params.urlencode(),
            "can_create": can_create,
            # full IDs: only the officer's own district, one district at a time (issue 19 item 3)
            "can_export_full": bool(district and district in request.user.scope.district_ids),
        },
    )


def _unit_form_context(request, form, district, unit=None, duplicate=False):
    from django import forms

    if duplicate:  # the checkbox appears only once there is something to confirm
        form.fields["confirm_duplicate"].widget = forms.CheckboxInput()
    return {
        "form": form,
        "district": district,
        "unit": unit,
        "type": form.target_type,
        "duplicate": duplicate,
    }


@staff_view
def unit_new(request):
    code = request.GET.get("district") or home_district(request.user)
    tt = request.GET.get("type")
    if not code:
        districts = [
            d for d in visible_districts(request.user) if request.user.has_perm("registry.manage_unit", d)
        ]
        return render(request, "registry/unit_new_pick.html", {"districts": districts, "types": TargetType})
    district = district_or_404(request.user, code)
    require_perm(request.user, "registry.manage_unit", district)
    if tt not in TargetType.values:
        return render(request, "registry/unit_new_pick.html", {"district": district, "types": TargetType})
    year = default_year(request.user, district.province_id)
    form = UnitForm(
        request.POST or None,
        instance=Unit(district=district, target_type=tt),
        target_type=tt,
        district=district,
        year=year,
    )
    duplicate = False
    if request.method == "POST" and form.is_valid():
        try:
            unit = services_units.create_unit(
                district,
                form.service_data(),
                by=request.user,
                confirmed_duplicates=form.cleaned_data["confirm_duplicate"],
            )
        except services_units.DuplicateWarning as exc:
            duplicate = True
            form_errors(form, exc)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกหน่วยนับ %(n)s แล้ว") % {"n": unit.name})
            return redirect("registry:unit", pk=unit.pk)
    return render(
        request, "registry/unit_form.html", _unit_form_context(request, form, district, duplicate=duplicate)
    )


@staff_view
def unit_edit(request, pk):
    unit = visible_or_404(Unit, request.user, pk=pk)
    require_perm(request.user, "registry.manage_unit", unit)
    year = default_year(request.user, unit.district.province_id)
    form = UnitForm(
        request.POST or None, instance=unit, target_type=unit.target_type, district=unit.district, year=year
    )
    duplicate = False
    if request.method == "POST" and form.is_valid():
        fresh = Unit.objects.select_related("district").get(pk=unit.pk)
        version = form.cleaned_data.get("version") or 0
        try:
            services_units.update_unit(
                fresh,
                form.service_data(),
                by=request.user,
                version=version,
                confirmed_duplicates=form.cleaned_data["confirm_duplicate"],
            )
        except services_units.DuplicateWarning as exc:
            duplicate = True
            form_errors(form, exc)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว"))
            return redirect("registry:unit", pk=unit.pk)
    return render(
        request,
        "registry/unit_form.html",
        _unit_form_context(request, form, unit.district, unit=unit, duplicate=duplicate),
    )


@staff_view
def unit_detail(request, pk):
    unit = get_object_or_404(
        Unit.objects.visible_to(request.user).select_related(
            "district", "subdistrict", "village", "consent_recorded_by"
        ),
        pk=pk,
    )
    enrolments = list(
        unit.enrolments.select_related("year", "mentor", "previous__year").order_by("-year__fiscal_year")
    )
    can_manage = request.user.has_perm("registry.manage_unit", unit)
    enrolled_years = {e.year_id for e in enrolments}
    open_years = (
        years_for(request.user, unit.district.province_id).filter(is_open=True).exclude(pk__in=enrolled_years)
    )
    enrol_form = (
        EnrolForm(
            years=open_years,
            mentors=services.district_officers(unit.district_id),
            initial={"year": open_years.first(), "mentor": request.user},
        )
        if can_manage
        else None
    )
    photo_years = _photo_years(request.user, unit, enrolments)
    return render(
        request,
        "registry/unit_detail.html",
        {
            "unit": unit,
            "enrolments": enrolments,
            "can_manage": can_manage,
            "enrol_form": enrol_form,
            "open_years": open_years,
            "photo_years": photo_years,
            "can_upload": request.user.has_perm("registry.manage_district_work", unit.district),
            "report_limit": max(1, settings.REPORT_PHOTOS_PER_STAGE),
            "can_history": request.user.has_perm("registry.view_history", unit),
            "consents": list(unit.consents.all()),
            "data_requests": list(unit.data_requests.all()),
            "can_consent": request.user.has_perm("registry.manage_consent", unit),
            "national_id": unit.masked_national_id,
            "can_reveal": bool(unit.national_id) and request.user.scope.works_in_district(unit.district_id),
        },
    )


def _photo_years(user, unit, enrolments):
    """The unit's photos by year (latest first) and stage: every stage the unit reached that year, with the
    photos of each (several, each with its caption and the date taken) and how many the district chose for its
    report. Two queries whatever the number of photos."""
    photos = list(
        Photo.objects.visible_to(user)
        .filter(unit=unit)
        .select_related("year")
        .order_by("-year__fiscal_year", "stage", "taken_on", "pk")[:300]
    )
    years = {e.year_id: {"year": e.year, "reached": e.stage, "enrolment": e} for e in enrolments}
    for p in photos:
        years.setdefault(p.year_id, {"year": p.year, "reached": 0, "enrolment": None})
    out = []
    for entry in sorted(years.values(), key=lambda y: -y["year"].fiscal_year):
        mine = [p for p in photos if p.year_id == entry["year"].pk]
        last = max([entry["reached"], *(p.stage for p in mine)])
        stages = []
        for stage in Stage:
            if stage > last:
                break
            shots = [p for p in mine if p.stage == stage]
            stages.append(
                {
                    "stage": stage.value,
                    "label": stage.label,
                    "photos": shots,
                    "chosen": sum(1 for p in shots if p.in_report),
                }
            )
        out.append({**entry, "stages": stages, "count": len(mine)})
    return out


@staff_view
def unit_enrol(request, pk):
    unit = visible_or_404(Unit, request.user, pk=pk)
    require_perm(request.user, "registry.enrol", unit)
    years = years_for(request.user, unit.district.province_id).filter(is_open=True)
    form = EnrolForm(
        request.POST or None,
        years=years,
        mentors=services.district_officers(unit.district_id),
        initial={"year": request.GET.get("year"), "mentor": request.user},
    )
    warnings = []
    if request.method == "POST" and form.is_valid():
        try:
            services.enrol_unit(
                unit,
                form.cleaned_data["year"],
                by=request.user,
                mentor=form.cleaned_data["mentor"],
                confirmed_warnings=form.cleaned_data["confirm_warnings"],
            )
        except services.EligibilityWarning as exc:
            warnings = exc.messages
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("รับสมัคร %(u)s เข้าสู่ระบบปี %(fy)s แล้ว")
                % {"u": unit.name, "fy": form.cleaned_data["year"].fiscal_year},
            )
            return redirect("registry:unit", pk=unit.pk)
    return render(request, "registry/unit_enrol.html", {"unit": unit, "form": form, "warnings": warnings})


def _enrolment(request, pk):
    e = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related("unit__district", "year", "mentor"), pk=pk
    )
    require_perm(request.user, "registry.enrol", e)
    return e


@staff_view
def enrolment_withdraw(request, pk):
    e = _enrolment(request, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(e, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการถอนตัวแล้ว"))
            return redirect("registry:unit", pk=e.unit_id)
    return render(
        request,
        "registry/enrolment_form.html",
        {
            "e": e,
            "form": form,
            "title": _("ถอนตัวจากระบบ มชช. ปี %(fy)s") % {"fy": e.year.fiscal_year},
            "danger": True,
        },
    )


@staff_view
def enrolment_mentor(request, pk):
    e = _enrolment(request, pk)
    form = MentorForm(
        request.POST or None,
        mentors=services.district_officers(e.unit.district_id),
        initial={"mentor": e.mentor},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_mentor(e, form.cleaned_data["mentor"], by=request.user)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("เปลี่ยนพัฒนากรผู้รับผิดชอบแล้ว"))
            return redirect("registry:unit", pk=e.unit_id)
    return render(
        request,
        "registry/enrolment_form.html",
        {"e": e, "form": form, "title": _("พัฒนากรผู้รับผิดชอบ %(u)s") % {"u": e.unit.name}},
    )


@staff_view
def bulk_enrol(request, pk, district):
    district = district_or_404(request.user, district)
    year = year_for_district(request.user, pk, district)
    require_perm(request.user, "registry.enrol", district)
    units = list(
        Unit.objects.filter(district=district, is_active=True)
        .exclude(enrolments__year=year)
        .select_related("subdistrict", "village")
        .order_by("target_type", "name")
    )
    mentors = services.district_officers(district.code)
    form = MentorForm(request.POST or None, mentors=mentors, initial={"mentor": request.user})
    chosen = set(request.POST.getlist("units")) if request.method == "POST" else set()
    warnings = {}
    if request.method == "POST" and form.is_valid():
        picked = [u for u in units if str(u.pk) in chosen]
        confirmed = request.POST.get("confirm_warnings") == "on"
        if not picked:
            form.add_error(None, _("กรุณาเลือกหน่วยนับที่จะรับสมัครอย่างน้อย 1 หน่วย"))
        else:
            for u in picked:
                w = services.eligibility_warnings(u, year)
                if w:
                    warnings[u.pk] = w
            if warnings and not confirmed:
                form.add_error(None, _("มีหน่วยนับที่ควรตรวจสอบคุณสมบัติ กรุณาตรวจสอบแล้วติ๊กยืนยัน"))
            else:
                try:
                    with transaction.atomic():
                        for u in picked:
                            services.enrol_unit(
                                u,
                                year,
                                by=request.user,
                                mentor=form.cleaned_data["mentor"],
                                confirmed_warnings=True,
                            )
                except ValidationError as exc:
                    form_errors(form, exc)
                else:
                    messages.success(
                        request,
                        _("รับสมัคร %(n)d หน่วยนับเข้าสู่ระบบปี %(fy)s แล้ว")
                        % {"n": len(picked), "fy": year.fiscal_year},
                    )
                    return redirect(
                        reverse(
                            "registry:targets_district", kwargs={"pk": year.pk, "district": district.code}
                        )
                    )
    rows = [{"unit": u, "checked": str(u.pk) in chosen, "warnings": warnings.get(u.pk, [])} for u in units]
    return render(
        request,
        "registry/bulk_enrol.html",
        {"district": district, "year": year, "rows": rows, "form": form, "needs_confirm": bool(warnings)},
    )


@staff_view
def carry_over_view(request, pk, district):
    """Open the year for my district: offer last year's units that did not pass or did not ask for evaluation."""
    district = district_or_404(request.user, district)
    year = year_for_district(request.user, pk, district)
    require_perm(request.user, "registry.enrol", district)
    candidates = list(services.carry_over_candidates(district, year))
    errors = []
    if request.method == "POST":
        try:
            done = services.carry_over(district, year, request.POST.getlist("units"), by=request.user)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("ยืนยันหน่วยนับต่อเนื่องจากปีก่อน %(n)d หน่วยแล้ว") % {"n": len(done)})
            return redirect(
                reverse("registry:targets_district", kwargs={"pk": year.pk, "district": district.code})
            )
    return render(
        request,
        "registry/carry_over.html",
        {
            "district": district,
            "year": year,
            "candidates": candidates,
            "errors": errors,
            "prev": services.previous_year(year),
            "Outcome": Outcome,
        },
    )
