"""Honours (เกียรติบัตร, ใบรับรอง, เข็ม, โล่): list per year and unit, record, remove."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.query import chosen, filtered
from apps.registry.models import ProgrammeYear, Unit

from . import services
from .filters import HonourFilter
from .forms import HonourForm, RemoveHonourForm
from .models import Honour
from .rules import records_honours
from .selectors import pick_year


@staff_view
def honour_list(request):
    year, years = pick_year(request.user, request.GET.get("year"))
    visible = Honour.objects.visible_to(request.user).select_related("unit__district", "year")
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
            "querystring": params.urlencode(),
        },
    )


def _recordable_units(user):
    scope = user.scope
    qs = Unit.objects.visible_to(user).select_related("district").order_by("district_id", "name")
    if scope.is_admin:
        return qs
    return qs.filter(district__province_id__in=scope.staff_province_ids) | qs.filter(
        district_id__in=scope.district_ids
    )


def _years(user):
    scope = user.scope
    qs = ProgrammeYear.objects.visible_to(user).select_related("province").order_by("-fiscal_year")
    if scope.is_admin:
        return qs
    return qs.filter(province_id__in=scope.staff_province_ids | {d[:2] for d in scope.district_ids})


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
    years = _years(user)
    if "year" not in initial and years:
        initial["year"] = years[0].pk
    form = HonourForm(
        request.POST or None,
        initial=initial,
        units=_recordable_units(user),
        years=years,
        district_only=district_only,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        unit = d["unit"]
        require_perm(user, "certification.record_honour", unit)
        giver = d["giver_level"]
        if giver == Honour.Giver.PROVINCE and not user.scope.manages_province(unit.district.province_id):
            raise PermissionDenied
        try:
            honour = services.record_honour(
                unit=unit,
                year=d["year"],
                by=user,
                kind=d["kind"],
                title=d["title"],
                giver_level=giver,
                given_by=d["given_by"],
                given_on=d["given_on"],
                note=d["note"],
            )
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, _("บันทึก “%(t)s” ของ %(u)s แล้ว") % {"t": honour.title, "u": unit.name})
            return redirect(f"{reverse('certification:honours')}?year={honour.year_id}")
    return render(request, "certification/honour_form.html", {"form": form})


@staff_view
@require_POST
def honour_remove(request, pk):
    honour = get_object_or_404(Honour.objects.visible_to(request.user).select_related("unit", "year"), pk=pk)
    require_perm(request.user, "certification.remove_honour", honour)
    form = RemoveHonourForm(request.POST)
    form.is_valid()
    try:
        services.remove_honour(honour, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("ลบรายการ “%(t)s” แล้ว") % {"t": honour.title})
    return redirect(f"{reverse('certification:honours')}?year={honour.year_id}")
