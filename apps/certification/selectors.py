"""Read helpers of the certification pages."""

from django.http import Http404

from apps.registry.models import ProgrammeYear, Unit

from .models import Ceremony, Certificate


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


def recordable_units(user):
    """The units a person may record an honour for: their province's (staff) or their districts' (officers)."""
    scope = user.scope
    qs = Unit.objects.visible_to(user).select_related("district").order_by("district_id", "name")
    if scope.is_admin:
        return qs
    return qs.filter(district__province_id__in=scope.staff_province_ids) | qs.filter(
        district_id__in=scope.district_ids
    )


def honour_years(user):
    scope = user.scope
    qs = ProgrammeYear.objects.visible_to(user).select_related("province").order_by("-fiscal_year")
    if scope.is_admin:
        return qs
    return qs.filter(province_id__in=scope.staff_province_ids | {d[:2] for d in scope.district_ids})


def ceremonies_of(user):
    return Ceremony.objects.visible_to(user).select_related("year").order_by("-held_on")
