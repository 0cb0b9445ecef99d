"""Helpers shared by the registry's staff views: the year and district a page is about, error display."""

import logging

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.core.thaidates import fiscal_year_of
from apps.geo.models import District

from .models import ProgrammeYear
from .services_stage1 import ensure_thumbnail

log = logging.getLogger(__name__)


def form_errors(form, exc: ValidationError):
    """Put a service's ValidationError on the form: field errors on their fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            for e in errs:
                msg = " ".join(e.messages)
                form.add_error(field if field in form.fields else None, msg)
    else:
        for msg in exc.messages:
            form.add_error(None, msg)


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
    from django.db.models import Q

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


def photo_file_response(photo, *, thumb=False, content_type=None, cache_control=None):
    """The image of a photo the caller has already found through its access check, or its thumbnail (made once
    when the photo has none yet); 404 when the file is missing or cannot be decoded."""
    try:
        fh = (ensure_thumbnail(photo) if thumb else photo.image).open("rb")
    except (FileNotFoundError, ValueError, ObjectDoesNotExist):
        raise Http404 from None
    except ValidationError:
        log.warning("photo %s: no thumbnail, the image cannot be decoded", photo.pk)
        raise Http404 from None
    response = FileResponse(fh, content_type="image/jpeg" if thumb else content_type)
    if cache_control:
        response["Cache-Control"] = cache_control
    return response
