"""The registry's panel on /app/: per district, this year's enrolments per stage and types still missing."""

from apps.accounts.rules import is_admin, is_district_officer, is_national_viewer, is_province_staff

from .progress import progress
from .selectors import default_year

is_district_or_province = is_district_officer | is_province_staff | is_national_viewer | is_admin


def district_panel(request):
    from apps.geo.models import District

    user = request.user
    codes = sorted(user.scope.district_ids)
    year = default_year(user, codes[0][:2] if codes else None)
    if year is None:
        return {"year": None, "rows": []}
    if codes:
        districts = list(District.objects.filter(code__in=codes, province_id=year.province_id))
    else:
        districts = list(District.objects.filter(province_id=year.province_id).order_by("code"))
    return {"year": year, "rows": progress(year, districts), "own": bool(codes)}
