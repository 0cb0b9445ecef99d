"""District side of reports to the province: my reports, one report (preview, submit, PDF, xlsx), review actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.audit import audit_export
from apps.core.generated import request_download
from apps.core.models import AuditEvent, GeneratedFile
from apps.core.query import read_query
from apps.geo.models import District
from apps.registry.enums import DeadlineKind
from apps.registry.models import Deadline, ProgrammeYear

from . import documents, services
from .forms import DistrictQuery, ReturnForm, SubmitForm
from .models import Submission, SubmissionState
from .selectors import district_reports, pick_year
from .snapshot import build_snapshot, is_empty


def district_or_404(user, code):
    """A district whose reports the user may read: its own officers, the province's staff, national viewers."""
    scope = user.scope
    if not (scope.reads_all_of_province(code[:2]) or scope.works_in_district(code)):
        raise Http404
    return get_object_or_404(District, code=code)


@staff_view
def my_reports(request):
    """The reports of the user's district(s) for a year: due dates, states, what to fix."""
    scope = request.user.scope
    codes = sorted(scope.district_ids)
    if not codes:
        if request.user.has_perm("reporting.view_review"):
            return redirect("reporting:review")
        raise PermissionDenied
    code = read_query(DistrictQuery, request, codes=codes)["district"]
    district = get_object_or_404(District.objects.select_related("province"), code=code)
    year, years = pick_year(request.user, district.province_id, request.GET.get("year"))
    rows = district_reports(year, district) if year else []
    return render(
        request,
        "reporting/my_reports.html",
        {
            "district": district,
            "districts": District.objects.filter(code__in=codes),
            "year": year,
            "years": years,
            "rows": rows,
        },
    )


def _load(request, year_pk, district_code, kind):
    if kind not in DeadlineKind.values:
        raise Http404
    year = visible_or_404(ProgrammeYear, request.user, pk=year_pk)
    district = district_or_404(request.user, district_code)
    if district.province_id != year.province_id:
        raise Http404
    sub = (
        Submission.objects.visible_to(request.user)
        .select_related("pdf", "submitted_by", "reviewed_by")
        .filter(year=year, district=district, kind=kind)
        .first()
    )
    if sub is None:  # nothing saved yet: an unsaved draft shows what would be sent
        sub = Submission(
            year=year,
            district=district,
            kind=kind,
            deadline=Deadline.objects.filter(year=year, kind=kind).first(),
        )
    else:
        sub.year, sub.district = year, district
    return sub


@staff_view
def report_detail(request, year, district, kind):
    sub = _load(request, year, district, kind)
    if sub.pk and sub.snapshot and not sub.is_editable:
        snap, live = sub.snapshot, False
    else:
        snap, live = build_snapshot(sub.year, sub.district, sub.kind), True
    can_submit = request.user.has_perm("reporting.submit", sub) and sub.is_editable
    can_review = request.user.has_perm("reporting.review", sub) and sub.state == SubmissionState.SUBMITTED
    history = AuditEvent.objects.for_object(sub).select_related("actor")[:50] if sub.pk else []
    ctx = documents.submission_context(snap, submission=sub, preview=live)
    pdf = sub.pdf if sub.pk and not live else None
    return render(
        request,
        "reporting/report_detail.html",
        {
            **ctx,
            "sub": sub,
            "live": live,
            "empty": is_empty(snap),
            "can_submit": can_submit,
            "can_review": can_review,
            "late_now": services.days_late(sub.deadline.due_on if sub.deadline else None, timezone.now())
            if can_submit and not sub.first_submitted_at
            else 0,
            "submit_form": SubmitForm(initial={"note": sub.note}) if can_submit else None,
            "return_form": ReturnForm() if can_review else None,
            "history": history,
            "pdf": pdf,
            "pdf_busy": bool(
                pdf and pdf.status in (GeneratedFile.Status.PENDING, GeneratedFile.Status.RUNNING)
            ),
        },
    )


def _back(sub):
    return redirect("reporting:report", year=sub.year_id, district=sub.district_id, kind=sub.kind)


@staff_view
@require_POST
def report_submit(request, year, district, kind):
    sub = _load(request, year, district, kind)
    require_perm(request.user, "reporting.submit", sub)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _back(sub)
    if not sub.pk:
        sub = services.get_or_create_submission(sub.year, sub.district, sub.kind)
    try:
        sub = services.submit_report(sub, by=request.user, note=form.cleaned_data["note"])
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        if sub.days_late:
            messages.warning(
                request, _("ส่งรายงานแล้ว (ช้ากว่ากำหนด %(n)s วัน) ระบบกำลังสร้างไฟล์ PDF") % {"n": sub.days_late}
            )
        else:
            messages.success(request, _("ส่งรายงานถึงจังหวัดแล้ว ระบบกำลังสร้างไฟล์ PDF"))
    return _back(sub)


@staff_view
@require_POST
def report_pdf(request, year, district, kind):
    """Queue the PDF (of the snapshot once sent, else a preview of live data) and show its progress."""
    sub = _load(request, year, district, kind)
    if not sub.pk:
        require_perm(request.user, "reporting.submit", sub)
        sub = services.get_or_create_submission(sub.year, sub.district, sub.kind)
    gf = services.request_submission_pdf(sub, by=request.user)
    return redirect("core:file_status", token=gf.token)


@staff_view
def report_xlsx(request, year, district, kind):
    """The report as xlsx, built by the worker; the progress page offers it when done."""
    sub = _load(request, year, district, kind)
    gf = request_download(
        request.user,
        kind=services.REPORT_XLSX_KIND,
        title=_("รายงาน%(k)s %(d)s ปีงบประมาณ %(fy)s (Excel)")
        % {"k": sub.get_kind_display(), "d": sub.district.label, "fy": sub.year.fiscal_year},
        params={"year_id": sub.year_id, "district": sub.district_id, "kind": sub.kind},
        back=reverse(
            "reporting:report", kwargs={"year": sub.year_id, "district": sub.district_id, "kind": sub.kind}
        ),
    )
    audit_export(request.user, "report_xlsx", sub.year, district=sub.district_id, kind=sub.kind)
    return redirect("core:file_status", token=gf.token)


def _submission_or_404(request, pk):
    return get_object_or_404(
        Submission.objects.visible_to(request.user).select_related("year", "district"), pk=pk
    )


@staff_view
@require_POST
def report_accept(request, pk):
    sub = _submission_or_404(request, pk)
    require_perm(request.user, "reporting.review", sub)
    try:
        services.accept_report(sub, by=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("รับรายงานของอำเภอ%(d)s แล้ว") % {"d": sub.district.name_th})
    return _back(sub)


@staff_view
@require_POST
def report_return(request, pk):
    sub = _submission_or_404(request, pk)
    require_perm(request.user, "reporting.review", sub)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errs in form.errors.values() for e in errs])
        services.return_report(sub, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("ส่งรายงานกลับให้อำเภอ%(d)s แก้ไขแล้ว") % {"d": sub.district.name_th})
    return _back(sub)
