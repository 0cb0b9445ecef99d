"""Read helpers of the registry that views, exports and other apps share: the districts and years a person may
work with. Querysets of the models (visible_to) are in querysets.py."""

import datetime as dt
from itertools import groupby

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.core.thaidates import fiscal_year_of
from apps.geo.models import District

from .models import Photo, ProgrammeYear


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


def report_photos(year, district_codes, *, per_district=False, limit=None):
    """The photos a report prints, in print order (district, stage, unit): of each stage of each unit (or of the
    district's own work) — with per_district, of each stage of each district — the ones the district chose
    (Photo.in_report, in their order), or, where it chose none, the first taken; at most `limit`
    (settings.REPORT_PHOTOS_PER_STAGE) of each. One query."""
    limit = limit or max(1, settings.REPORT_PHOTOS_PER_STAGE)
    rows = list(
        Photo.objects.filter(year=year, district_id__in=list(district_codes))
        .select_related("unit")
        .only(
            "pk", "district_id", "stage", "unit__name", "caption", "taken_on", "image", "thumbnail",
            "thumb_width", "thumb_height", "in_report", "report_order", "created_at",
        )
    )  # fmt: skip
    late = dt.date.max

    def place(p):
        return (
            p.district_id,
            p.stage,
            *(() if per_district else ((p.unit.name, p.unit_id) if p.unit_id else ("", 0),)),
        )

    def within(p):
        return (not p.in_report, p.report_order if p.in_report else 0, p.taken_on or late, p.pk)

    out = []
    for _key, group in groupby(sorted(rows, key=lambda p: (place(p), within(p))), key=place):
        group = list(group)
        chosen = [p for p in group if p.in_report]
        out += (chosen or group)[:limit]
    return out
