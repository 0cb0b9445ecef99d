"""Provincial review: every district × report of a year on one screen, bulk accept, export, annual summary."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.audit import audit_export
from apps.core.generated import request_download
from apps.geo.models import Province
from apps.registry.models import ProgrammeYear

from . import services
from .models import Submission, SubmissionState
from .selectors import pick_year, review_grid


def pick_province(request):
    """Staff: their province; national viewers and admins: any (chosen with ?province=)."""
    scope = request.user.scope
    provinces = Province.objects.visible_to(request.user).order_by("code")
    if not (scope.all_provinces or scope.staff_province_ids or scope.national_province_ids):
        raise PermissionDenied
    readable = (
        provinces
        if scope.all_provinces
        else provinces.filter(code__in=scope.staff_province_ids | scope.national_province_ids)
    )
    wanted = request.GET.get("province")
    if wanted:
        province = readable.filter(code=wanted).first()
        if province is None:
            raise Http404
        return province, readable
    own = sorted(scope.staff_province_ids or scope.national_province_ids)
    # Without a province of one's own (admin, the centre): the first province that has opened a year.
    province = (
        (own and readable.filter(code=own[0]).first())
        or readable.filter(code__in=ProgrammeYear.objects.values("province_id")).first()
        or readable.first()
    )
    return province, readable


@staff_view
def review(request):
    require_perm(request.user, "reporting.view_review")
    province, provinces = pick_province(request)
    year, years = pick_year(request.user, province.code, request.GET.get("year"))
    grid = review_grid(year) if year else None
    return render(
        request,
        "reporting/review.html",
        {
            "province": province,
            "provinces": provinces if request.user.scope.all_provinces else None,
            "year": year,
            "years": years,
            "grid": grid,
            "can_review": bool(year) and request.user.has_perm("reporting.review", year),
            "waiting": SubmissionState.SUBMITTED,
        },
    )


@staff_view
@require_POST
def bulk_accept(request, year):
    year = visible_or_404(ProgrammeYear, request.user, pk=year)
    require_perm(request.user, "reporting.review", year)
    ids = [int(i) for i in request.POST.getlist("submission") if i.isdigit()]
    if not ids:
        messages.error(request, _("กรุณาเลือกรายงานที่จะรับอย่างน้อย 1 รายการ"))
    else:
        subs = Submission.objects.visible_to(request.user).filter(year=year, pk__in=ids).order_by("pk")
        accepted, skipped = services.bulk_accept(subs, by=request.user)
        messages.success(request, _("รับรายงานแล้ว %(n)s รายการ") % {"n": len(accepted)})
        if skipped:
            messages.warning(request, _("ข้าม %(n)s รายการที่ไม่ได้อยู่ในสถานะรอตรวจ") % {"n": len(skipped)})
    return redirect(f"{_url('reporting:review')}?province={year.province_id}&year={year.pk}")


def _url(name):
    from django.urls import reverse

    return reverse(name)


@staff_view
def review_export(request, year):
    year = visible_or_404(ProgrammeYear, request.user, pk=year)
    require_perm(request.user, "reporting.view_review")
    if not request.user.scope.reads_all_of_province(year.province_id):
        raise Http404
    gf = request_download(
        request.user,
        kind=services.REVIEW_XLSX_KIND,
        title=_("สถานะรายงานของอำเภอ ปีงบประมาณ %(fy)s (Excel)") % {"fy": year.fiscal_year},
        params={"year_id": year.pk},
        back=f"{_url('reporting:review')}?province={year.province_id}&year={year.pk}",
    )
    audit_export(request.user, "review_xlsx", year)
    return redirect("core:file_status", token=gf.token)


@staff_view
@require_POST
def province_summary(request, year):
    """Queue the province annual summary PDF; the next page shows its progress and then the download."""
    year = visible_or_404(ProgrammeYear, request.user, pk=year)
    require_perm(request.user, "reporting.view_review")
    if not request.user.scope.reads_all_of_province(year.province_id):
        raise Http404
    gf = services.request_province_summary(year, by=request.user)
    return redirect("core:file_status", token=gf.token)
