"""District targets against enrolments: one page per district, one across the province (guideline 1.2)."""

from django.shortcuts import get_object_or_404, redirect, render

from apps.core.access import staff_view
from apps.geo.models import District

from . import services
from .enums import TargetType
from .models import ProgrammeYear
from .progress import progress
from .selectors import default_year, district_or_404, home_district, year_for_district


@staff_view
def targets_index(request):
    code = home_district(request.user)
    year = default_year(request.user, code[:2] if code else None)
    if year is None:
        return render(request, "registry/no_year.html")
    if code:
        return redirect("registry:targets_district", pk=year.pk, district=code)
    return redirect("registry:targets_province", pk=year.pk)


@staff_view
def targets_province(request, pk):
    year = get_object_or_404(ProgrammeYear.objects.visible_to(request.user).select_related("province"), pk=pk)
    districts = list(District.objects.filter(province_id=year.province_id).order_by("code"))
    rows = progress(year, districts)
    totals = [
        {
            "type": tt,
            "enrolled": sum(r["cells"][i]["enrolled"] for r in rows),
            "new": sum(r["cells"][i]["new"] for r in rows),
            "carried": sum(r["cells"][i]["carried"] for r in rows),
            "target": sum(r["cells"][i]["target"] for r in rows),
            "missing": sum(1 for r in rows if r["cells"][i]["missing"]),
        }
        for i, tt in enumerate(TargetType)
    ]
    scope = request.user.scope
    for r in rows:
        r["can_open"] = (
            scope.reads_all_of_province(year.province_id) or r["district"].code in scope.district_ids
        )
    return render(
        request,
        "registry/targets_province.html",
        {
            "year": year,
            "rows": rows,
            "types": TargetType,
            "totals": totals,
            "years": ProgrammeYear.objects.visible_to(request.user).filter(province_id=year.province_id),
        },
    )


@staff_view
def targets_district(request, pk, district):
    district = district_or_404(request.user, district)
    year = year_for_district(request.user, pk, district)
    row = progress(year, [district])[0]
    can_act = request.user.has_perm("registry.enrol", district)
    return render(
        request,
        "registry/targets_district.html",
        {
            "year": year,
            "district": district,
            "row": row,
            "can_act": can_act,
            "can_targets": request.user.has_perm("registry.propose_targets", district),
            "n_carry": services.carry_over_candidates(district, year).count() if can_act else 0,
            "years": ProgrammeYear.objects.visible_to(request.user).filter(province_id=year.province_id),
        },
    )
