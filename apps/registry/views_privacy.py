"""Personal data of a unit's person (issue 19): consent to publication and its withdrawal, the reveal of a
national ID, requests of data subjects, and the province's retention page."""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from apps.core import retention as kinds
from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.audit import audit
from apps.core.forms import form_errors, messages_from
from apps.core.models import GeneratedFile
from apps.core.objectstore import serve_or_404
from apps.core.retention import period_text
from apps.geo.models import Province

from . import services_consent, services_requests
from . import services_retention as svc
from .forms import ConsentForm, ConsentWithdrawForm, DataRequestCloseForm, DataRequestForm, RevealForm
from .models import Consent, DataRequest, RetentionReview, Unit
from .personal import subject_of
from .thaiid import formatted


@staff_view
def consent_new(request, pk):
    unit = visible_or_404(Unit, request.user, pk=pk)
    require_perm(request.user, "registry.manage_consent", unit)
    initial = {
        "given_by": unit.name if unit.is_leader else unit.coordinator,
        "given_on": timezone.localdate(),
        "channel": "paper",
    }
    form = ConsentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_consent.record_consent(unit, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกความยินยอมแล้ว"))
            return redirect("registry:unit", pk=unit.pk)
    return render(request, "registry/consent_form.html", {"unit": unit, "form": form})


@staff_view
def consent_withdraw(request, pk):
    consent = get_object_or_404(Consent.objects.visible_to(request.user).select_related("unit"), pk=pk)
    require_perm(request.user, "registry.manage_consent", consent)
    form = ConsentWithdrawForm(
        request.POST or None, initial={"withdrawn_on": timezone.localdate(), "channel": "typed"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_consent.withdraw_consent(consent, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request, _("บันทึกการถอนความยินยอมแล้ว สิ่งที่ความยินยอมนี้ครอบคลุมถูกนำออกจากเว็บไซต์สาธารณะแล้ว")
            )
            return redirect("registry:unit", pk=consent.unit_id)
    return render(
        request, "registry/consent_withdraw.html", {"unit": consent.unit, "consent": consent, "form": form}
    )


@staff_view
def consent_scan(request, pk):
    consent = get_object_or_404(Consent.objects.visible_to(request.user), pk=pk)
    if not consent.scan:
        raise Http404
    return serve_or_404(consent.scan, as_attachment=True)


REVEAL_GRANT = "registry_reveal_id"


@staff_view
def unit_reveal_id(request, pk):
    """The full national ID of one unit, for an officer of its own district who gives a reason (POST); the
    read is audited with the reason, the page is not cached. Anyone else sees only the mask."""
    unit = visible_or_404(Unit, request.user, pk=pk)
    # the rule, and explicitly the district: a superuser's has_perm is always true, and the admin is no officer
    require_perm(request.user, "registry.reveal_national_id", unit)
    if not request.user.scope.works_in_district(unit.district_id):
        raise PermissionDenied
    if not unit.national_id:
        raise Http404
    form = RevealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        audit(request.user, "national_id.revealed", unit, reason=form.cleaned_data["reason"])
        # post/redirect/get: the session keeps a one-time grant to show this unit's number (never the number)
        request.session[REVEAL_GRANT] = unit.pk
        return redirect("registry:unit_reveal_id", pk=unit.pk)
    revealed = formatted(unit.national_id) if request.session.pop(REVEAL_GRANT, None) == unit.pk else None
    response = render(
        request,
        "registry/reveal_id.html",
        {"unit": unit, "form": form, "revealed": revealed, "masked": unit.masked_national_id},
    )
    add_never_cache_headers(response)
    return response


# --- requests of data subjects (issue 19 item 4) -------------------------------------------------------------


@staff_view
def data_request_new(request, pk):
    unit = visible_or_404(Unit, request.user, pk=pk)
    require_perm(request.user, "registry.handle_data_request", unit)
    form = DataRequestForm(
        request.POST or None,
        initial={
            "received_on": timezone.localdate(),
            "subject_name": subject_of(unit).full_name or unit.name,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            req = services_requests.record_request(unit, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกคำขอแล้ว ต้องตอบภายใน 30 วัน"))
            return redirect("registry:data_request", pk=req.pk)
    return render(request, "registry/data_request_form.html", {"unit": unit, "form": form})


def _request_or_404(request, pk):
    return get_object_or_404(DataRequest.objects.visible_to(request.user).select_related("unit"), pk=pk)


@staff_view
def data_request(request, pk):
    req = _request_or_404(request, pk)
    can_act = request.user.has_perm("registry.handle_data_request", req)
    preview = services_requests.erasure_preview(req)
    files = GeneratedFile.objects.filter(
        content_type__app_label="registry", content_type__model="datarequest", object_id=str(req.pk)
    ).order_by("-pk")[:4]
    return render(
        request,
        "registry/data_request.html",
        {
            "req": req,
            "unit": req.unit,
            "can_act": can_act and req.is_open,
            "held": preview["held"],
            "blockers": preview["blockers"],
            "files": files,
            "close_form": DataRequestCloseForm(),
            "today": timezone.localdate(),
        },
    )


def _act(request, pk, do, ok):
    req = _request_or_404(request, pk)
    require_perm(request.user, "registry.handle_data_request", req)
    try:
        result = do(req)
    except ValidationError as exc:
        messages_from(request, exc)
        return redirect("registry:data_request", pk=req.pk)
    messages.success(request, ok)
    return result or redirect("registry:data_request", pk=req.pk)


@staff_view
@require_POST
def data_request_access(request, pk):
    return _act(
        request,
        pk,
        lambda req: services_requests.produce_access_copy(req, by=request.user) and None,
        _("กำลังจัดทำสำเนาข้อมูล (JSON และ PDF) ไฟล์จะพร้อมในหน้านี้ภายในไม่กี่นาที"),
    )


@staff_view
@require_POST
def data_request_erase(request, pk):
    return _act(
        request,
        pk,
        lambda req: (
            services_requests.erase_subject(
                req, by=request.user, confirm=request.POST.get("confirm") == "yes"
            )
            and None
        ),
        _("ลบหรือทำให้ข้อมูลไม่สามารถระบุตัวตนได้แล้ว ดูสิ่งที่ลบและสิ่งที่เก็บไว้พร้อมเหตุผลในผลการดำเนินการ"),
    )


@staff_view
@require_POST
def data_request_close(request, pk):
    def do(req):
        form = DataRequestCloseForm(request.POST)
        form.is_valid()  # the service says, in Thai, what is missing
        services_requests.close_request(
            req,
            status=form.cleaned_data.get("status", ""),
            outcome=form.cleaned_data.get("outcome", ""),
            by=request.user,
        )

    return _act(request, pk, do, _("ปิดคำขอแล้ว"))


# --- retention (issue 19 item 5) -----------------------------------------------------------------------------


def _province_or_404(request, province):
    u = request.user
    if not (u.scope.all_provinces or province in u.scope.readable_province_ids):
        raise Http404
    prov = get_object_or_404(Province, pk=province)
    return prov, SimpleNamespace(scope_province_id=prov.pk)


@staff_view
def retention(request, province):
    """Periods per data kind (editable by the province) and the latest listing of what is past them, with the
    button that purges it."""
    prov, scope = _province_or_404(request, province)
    require_perm(request.user, "registry.manage_retention", scope)
    months = svc.periods(prov.pk)
    latest = RetentionReview.objects.filter(province=prov).first()
    rows = [
        {
            "key": k.key,
            "label": k.label,
            "starts": k.starts,
            "months": months[k.key],
            "period": period_text(months[k.key]),
            "purgeable": k.purgeable,
            "default": k.months,
            "found": len((latest.found if latest and not latest.purged_at else {}).get(k.key, [])),
        }
        for k in kinds.KINDS.values()
    ]
    return render(request, "registry/retention.html", {"province": prov, "rows": rows, "latest": latest})


@staff_view
@require_POST
def retention_period(request, province):
    prov, scope = _province_or_404(request, province)
    require_perm(request.user, "registry.manage_retention", scope)
    try:
        months = int(request.POST.get("months", ""))
    except ValueError:
        messages.error(request, _("กรุณาระบุระยะเวลาเป็นจำนวนเดือน"))
        return redirect("registry:retention", province=prov.pk)
    try:
        svc.set_period(prov, request.POST.get("kind", ""), months, by=request.user)
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        messages.success(request, _("บันทึกระยะเวลาเก็บรักษาแล้ว"))
    return redirect("registry:retention", province=prov.pk)


@staff_view
@require_POST
def retention_purge(request, province):
    prov, scope = _province_or_404(request, province)
    require_perm(request.user, "registry.manage_retention", scope)
    review = RetentionReview.objects.filter(province=prov, purged_at__isnull=True).first()
    if review is None or request.POST.get("confirm") != "yes":
        messages.error(request, _("ไม่มีรายการรอลบ หรือยังไม่ได้ยืนยัน"))
        return redirect("registry:retention", province=prov.pk)
    try:
        done = svc.purge(review, by=request.user)
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        messages.success(
            request, _("ลบข้อมูลที่ครบกำหนดแล้ว %(n)s รายการ") % {"n": sum(v["count"] for v in done.values())}
        )
    return redirect("registry:retention", province=prov.pk)
