"""Honours (เกียรติบัตร, ใบรับรอง, เข็ม, โล่): list per year and unit, record, correct, remove."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.forms import form_errors
from apps.core.query import chosen, filtered

from . import honours
from .filters import HonourFilter
from .forms import EditHonourForm, HonourForm, RemoveHonourForm
from .models import Honour
from .rules import records_honours
from .selectors import ceremonies_of, honour_years, pick_year, recordable_units


@staff_view
def honour_list(request):
    year, years = pick_year(request.user, request.GET.get("year"))
    visible = honours.with_flags(
        Honour.objects.visible_to(request.user).select_related("unit__district", "year", "kind", "ceremony")
    )
    f = filtered(
        HonourFilter, request, visible.filter(year=year), province_id=year.province_id if year else None
    )
    unit = chosen(f, "unit", None)
    qs = (visible.filter(unit=unit) if unit is not None else f.qs).order_by(
        "unit__district_id", "unit__name", "-given_on"
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "certification/honour_list.html",
        {
            "year": year,
            "years": years,
            "form": f.form,
            "page": page,
            "unit": unit,
            "can_record": records_honours(request.user),
            "editable": {h.pk for h in page if request.user.has_perm("certification.remove_honour", h)},
            "querystring": params.urlencode(),
        },
    )


@staff_view
def honour_new(request):
    if not records_honours(request.user):
        raise PermissionDenied
    user = request.user
    district_only = not (user.scope.is_admin or user.scope.staff_province_ids)
    initial = {}
    if request.GET.get("unit"):
        initial["unit"] = request.GET["unit"]
    if request.GET.get("year"):
        initial["year"] = request.GET["year"]
    years = honour_years(user)
    if "year" not in initial and years:
        initial["year"] = years[0].pk
    form = HonourForm(
        request.POST or None,
        initial=initial,
        units=recordable_units(user),
        years=years,
        district_only=district_only,
        ceremonies=ceremonies_of(user),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        unit = d["unit"]
        require_perm(user, "certification.record_honour", unit)
        giver = d["giver_level"]
        if giver == Honour.Giver.PROVINCE and not user.scope.manages_province(unit.district.province_id):
            raise PermissionDenied
        try:
            honour = honours.record_honour(
                unit=unit,
                year=d["year"],
                by=user,
                kind=d["kind"],
                title=d["title"],
                giver_level=giver,
                given_by=d["given_by"],
                given_on=d["given_on"],
                note=d["note"],
                ceremony=d["ceremony"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึก “%(t)s” ของ %(u)s แล้ว") % {"t": honour.title, "u": unit.name})
            return redirect(f"{reverse('certification:honours')}?year={honour.year_id}")
    return render(request, "certification/honour_form.html", {"form": form})


@staff_view
def honour_edit(request, pk):
    """Correct a recorded honour (same rules as recording it, with a reason) or remove it (with a reason)."""
    honour = get_object_or_404(
        Honour.objects.visible_to(request.user).select_related("unit__district", "year", "kind"), pk=pk
    )
    require_perm(request.user, "certification.remove_honour", honour)
    user = request.user
    form = EditHonourForm(
        request.POST or None,
        instance=honour,
        district_only=not (user.scope.is_admin or user.scope.manages_province(honour.year.province_id)),
        ceremonies=ceremonies_of(user).filter(year=honour.year),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        honour.refresh_from_db()  # the form wrote its values on the instance; the service compares and saves
        try:
            honours.edit_honour(honour, by=user, **d)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("แก้ไข “%(t)s” แล้ว") % {"t": honour.title})
            return redirect(f"{reverse('certification:honours')}?year={honour.year_id}")
    return render(
        request,
        "certification/honour_edit.html",
        {"form": form, "honour": honour, "remove": RemoveHonourForm()},
    )


@staff_view
@require_POST
def honour_remove(request, pk):
    honour = get_object_or_404(Honour.objects.visible_to(request.user).select_related("unit", "year"), pk=pk)
    require_perm(request.user, "certification.remove_honour", honour)
    form = RemoveHonourForm(request.POST)
    form.is_valid()
    try:
        honours.remove_honour(honour, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("ลบรายการ “%(t)s” แล้ว") % {"t": honour.title})
    return redirect(f"{reverse('certification:honours')}?year={honour.year_id}")
