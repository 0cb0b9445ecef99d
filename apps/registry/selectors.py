"""Read helpers of the registry that views, exports and other apps share: the districts and years a person may
work with. Querysets of the models (visible_to) are in querysets.py."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.core.thaidates import fiscal_year_of
from apps.geo.models import District

from .models import ProgrammeYear


def district_or_404(user, code):
    """A district whose own work the user may see: its officers and committee, the province's readers."""
    scope = user.scope
    if not (
        scope.reads_all_of_province(str(code)[:2])
        or code in scope.district_ids | scope.district_committee_ids
    ):
        raise Http404
    return get_object_or_404(District.objects.select_related("province"), code=code)


def visible_districts(user):
    """Districts whose units the user may list (their own, or every district of the provinces they read)."""
    scope = user.scope
    if scope.all_provinces:
        return District.objects.all()
    return District.objects.filter(
        Q(province_id__in=scope.staff_province_ids | scope.national_province_ids)
        | Q(code__in=scope.district_ids | scope.district_committee_ids)
    )


def years_for(user, province_id=None):
    qs = ProgrammeYear.objects.visible_to(user).select_related("province")
    if province_id:
        qs = qs.filter(province_id=province_id)
    return qs.order_by("-fiscal_year")


def default_year(user, province_id=None):
    """The current fiscal year of the user's province (or the latest opened one)."""
    qs = years_for(user, province_id)
    fy = fiscal_year_of(timezone.localdate())
    return qs.filter(fiscal_year__lte=fy).first() or qs.first()


def year_for_district(user, pk, district):
    year = get_object_or_404(ProgrammeYear.objects.visible_to(user).select_related("province"), pk=pk)
    if year.province_id != district.province_id:
        raise Http404
    return year


def home_district(user):
    """The one district a district officer works in, else None."""
    ids = sorted(user.scope.district_ids)
    return ids[0] if len(ids) == 1 else None
