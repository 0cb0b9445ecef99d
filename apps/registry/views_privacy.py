"""Personal data of a unit's person (issue 19): consent to publication and its withdrawal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.forms import form_errors

from . import services_consent
from .forms import ConsentForm, ConsentWithdrawForm
from .models import Consent, Unit


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
    return FileResponse(
        consent.scan.open("rb"), as_attachment=True, filename=consent.scan.name.rsplit("/", 1)[-1]
    )
