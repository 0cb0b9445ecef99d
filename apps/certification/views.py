"""Staff pages of certificates: list per year, detail (revoke, reinstate, dates, PDF), issue, ceremony print,
files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.forms import form_errors
from apps.core.models import GeneratedFile
from apps.core.query import filtered
from apps.registry.enums import Outcome
from apps.registry.models import Enrolment, ProgrammeYear

from . import services
from .filters import CertificateFilter
from .forms import CertificateSettingsForm, DatesForm, ReinstateForm, RevokeForm
from .models import Certificate, CertificateSettings, Honour
from .selectors import pick_year


@staff_view
def certificate_list(request):
    year, years = pick_year(request.user, request.GET.get("year"))
    if year is None:
        return render(request, "certification/certificate_list.html", {"years": [], "year": None})
    visible = (
        Certificate.objects.visible_to(request.user)
        .filter(year=year)
        .select_related("unit__district", "year")
    )
    f = filtered(CertificateFilter, request, visible, province_id=year.province_id)
    qs = f.qs.order_by("seq")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    can_issue = request.user.has_perm("certification.issue", year)
    pending = list(services.certified_without_certificate(year)) if can_issue else []
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "certification/certificate_list.html",
        {
            "year": year,
            "years": years,
            "form": f.form,
            "page": page,
            "pending": pending,
            "can_issue": can_issue,
            "can_print": request.user.has_perm("certification.print", year),
            "can_configure": request.user.has_perm("certification.configure", year),
            "today": timezone.localdate(),
            "querystring": params.urlencode(),
        },
    )


def _detail(request, cert, *, revoke_form=None, dates_form=None, reinstate_form=None, status=200):
    honours = Honour.objects.filter(unit=cert.unit).select_related("year", "kind").order_by("-given_on")
    may_reinstate = request.user.has_perm("certification.reinstate", cert)
    files = GeneratedFile.objects.filter(
        kind="certificate_pdf", object_id=str(cert.pk), content_type__model="certificate"
    ).order_by("-created_at")[:3]
    return render(
        request,
        "certification/certificate_detail.html",
        {
            "c": cert,
            "today": timezone.localdate(),
            "honours": honours,
            "files": files,
            "n_verifications": cert.verifications.count(),
            "revoke_form": revoke_form or RevokeForm(),
            "dates_form": dates_form
            or DatesForm(
                initial={
                    "certified_on": cert.certified_on,
                    "awarded_on": cert.awarded_on,
                    "valid_until": cert.valid_until,
                    "version": cert.version,
                }
            ),
            "can_revoke": request.user.has_perm("certification.revoke", cert) and not cert.revoked_at,
            "can_edit_dates": request.user.has_perm("certification.edit_dates", cert) and not cert.revoked_at,
            "can_manage": request.user.has_perm("certification.revoke", cert),
            "events": cert.events.select_related("by"),
            "reinstate_form": reinstate_form or ReinstateForm(),
            "can_reinstate": may_reinstate and bool(cert.revoked_at) and not cert.revoked_by_correction,
            "correction_revoked": may_reinstate and bool(cert.revoked_at) and cert.revoked_by_correction,
        },
        status=status,
    )


def _get_cert(request, pk):
    return get_object_or_404(
        Certificate.objects.visible_to(request.user).select_related(
            "unit__district__province",
            "unit__subdistrict",
            "year__province",
            "enrolment",
            "issued_by",
            "revoked_by",
        ),
        pk=pk,
    )


@staff_view
def certificate_detail(request, pk):
    return _detail(request, _get_cert(request, pk))


@staff_view
@require_POST
def certificate_revoke(request, pk):
    cert = _get_cert(request, pk)
    require_perm(request.user, "certification.revoke", cert)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.revoke_certificate(cert, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("เพิกถอนใบรับรอง %(n)s แล้ว") % {"n": cert.number})
            return redirect("certification:certificate", pk=cert.pk)
    return _detail(request, cert, revoke_form=form, status=400)


@staff_view
@require_POST
def certificate_reinstate(request, pk):
    cert = _get_cert(request, pk)
    require_perm(request.user, "certification.reinstate", cert)
    form = ReinstateForm(request.POST)
    if form.is_valid():
        try:
            services.reinstate_certificate(cert, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("คืนสถานะใบรับรอง %(n)s แล้ว ใบรับรองกลับมาใช้ได้ด้วยเลขที่และรหัสตรวจสอบเดิม") % {"n": cert.number},
            )
            return redirect("certification:certificate", pk=cert.pk)
    cert.refresh_from_db()
    return _detail(request, cert, reinstate_form=form, status=400)


@staff_view
@require_POST
def certificate_dates(request, pk):
    cert = _get_cert(request, pk)
    require_perm(request.user, "certification.edit_dates", cert)
    form = DatesForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if d["certified_on"] and d["certified_on"] != cert.certified_on:
                cert = services.set_certified_on(
                    cert, by=request.user, certified_on=d["certified_on"], reason=d["reason"]
                )
                d["version"] = cert.version
            services.set_award_date(
                cert,
                by=request.user,
                awarded_on=d["awarded_on"],
                valid_until=d["valid_until"],
                expected_version=d["version"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกวันที่แล้ว"))
            return redirect("certification:certificate", pk=cert.pk)
    return _detail(request, cert, dates_form=form, status=400)


@staff_view
@require_POST
def certificate_pdf(request, pk):
    cert = _get_cert(request, pk)  # whoever may read the certificate may print it
    gf = services.request_certificate_pdf(cert, by=request.user)
    return redirect("core:file_status", token=gf.token)


@staff_view
@require_POST
def certificate_issue(request, enrolment_pk):
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related("year", "unit"), pk=enrolment_pk
    )
    require_perm(request.user, "certification.issue", enrolment)
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing:
        messages.info(request, _("หน่วยนับนี้มีใบรับรองอยู่แล้ว: %(n)s") % {"n": existing.number})
        return redirect("certification:certificate", pk=existing.pk)
    if enrolment.outcome != Outcome.CERTIFIED:
        messages.error(request, _("ออกใบรับรองได้เฉพาะหน่วยนับที่ผ่านการรับรองจากคณะกรรมการจังหวัดแล้ว"))
        return redirect(f"{_list_url()}?year={enrolment.year_id}")
    try:
        cert = services.issue_certificate(enrolment, by=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect(f"{_list_url()}?year={enrolment.year_id}")
    messages.success(request, _("ออกใบรับรองเลขที่ %(n)s แล้ว") % {"n": cert.number})
    return redirect("certification:certificate", pk=cert.pk)


def _list_url():
    from django.urls import reverse

    return reverse("certification:certificates")


@staff_view
@require_POST
def year_print(request, year_pk):
    year = visible_or_404(ProgrammeYear, request.user, pk=year_pk)
    require_perm(request.user, "certification.print", year)
    district = request.POST.get("district") or None
    if district and not district.startswith(year.province_id):
        raise Http404
    if not Certificate.objects.filter(year=year, revoked_at__isnull=True).exists():
        messages.error(request, _("ปีนี้ยังไม่มีใบรับรองที่จะพิมพ์"))
        return redirect(f"{_list_url()}?year={year.pk}")
    gf = services.request_year_pdf(year, by=request.user, district_id=district)
    return redirect("core:file_status", token=gf.token)


@staff_view
def year_settings(request, year_pk):
    year = visible_or_404(ProgrammeYear, request.user, pk=year_pk)
    require_perm(request.user, "certification.configure", year)
    obj = CertificateSettings.objects.filter(year=year).first() or CertificateSettings(
        year=year,
        issuer=f"สำนักงานพัฒนาชุมชนจังหวัด{year.province.name_th}",
        signer_title=f"ประธานคณะกรรมการ มชช. จังหวัด{year.province.name_th}",
    )
    form = CertificateSettingsForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        from apps.core.audit import audit

        before = {f: form.initial.get(f) for f in form.fields}
        form.save()
        audit(request.user, "certificate_settings.changed", year, before=before, after=form.cleaned_data)
        messages.success(request, _("บันทึกการตั้งค่าใบรับรองแล้ว"))
        return redirect(f"{_list_url()}?year={year.pk}")
    return render(request, "certification/settings_form.html", {"year": year, "form": form})
