"""Small helpers shared by the development views."""

from django.utils import timezone

from apps.core.thaidates import fiscal_year_of
from apps.registry.models import ProgrammeYear


def add_errors(form, exc):
    for msg in exc.messages:
        form.add_error(None, msg)


def pick_year(request):
    """The programme year chosen by ?year=<pk>, else the current fiscal year of the user's province."""
    years = list(
        ProgrammeYear.objects.visible_to(request.user)
        .select_related("province")
        .order_by("-fiscal_year", "province_id")
    )
    chosen = request.GET.get("year")
    if chosen and chosen.isdigit():
        for y in years:
            if y.pk == int(chosen):
                return y, years
    fy = fiscal_year_of(timezone.localdate())
    for y in years:
        if y.fiscal_year <= fy:
            return y, years
    return (years[0] if years else None), years
