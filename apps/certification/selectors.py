"""Read helpers of the certification pages."""

from django.http import Http404

from apps.registry.models import ProgrammeYear

from .models import Certificate


def pick_year(user, wanted):
    """The year picked by its pk (`wanted`, the ?year= value; 404 when not visible), else the newest year
    with certificates."""
    years = list(
        ProgrammeYear.objects.visible_to(user)
        .select_related("province")
        .order_by("-fiscal_year", "province_id")
    )
    if wanted:
        for y in years:
            if str(y.pk) == wanted:
                return y, years
        raise Http404
    with_certs = set(Certificate.objects.filter(year__in=years).values_list("year_id", flat=True).distinct())
    for y in years:
        if y.pk in with_certs:
            return y, years
    return (years[0] if years else None), years
