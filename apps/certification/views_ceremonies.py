"""Ceremonies (พิธีมอบ, guideline 2.12): the day honours are handed out, who presides and signs, and the batch of
เกียรติบัตร printed for it by the worker."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.forms import form_errors
from apps.core.generated import request_file
from apps.geo.models import District

from . import honours
from .builders import CEREMONY_KIND
from .forms import CeremonyForm
from .models import Ceremony
from .rules import records_honours
from .selectors import honour_years, pick_year


@staff_view
def ceremony_list(request):
    year, years = pick_year(request.user, request.GET.get("year"))
    ceremonies = (
        Ceremony.objects.visible_to(request.user)
        .filter(year=year)
        .select_related("year", "district")
        .order_by("-held_on", "pk")
        if year
        else Ceremony.objects.none()
    )
    return render(
        request,
        "certification/ceremony_list.html",
        {"year": year, "years": years, "ceremonies": ceremonies, "can_record": records_honours(request.user)},
    )


def _form(request, instance=None):
    user = request.user
    scope = user.scope
    districts = District.objects.visible_to(user).order_by("code")
    if not (scope.is_admin or scope.staff_province_ids):
        districts = districts.filter(code__in=scope.district_ids)
    return CeremonyForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        years=honour_years(user),
        districts=districts,
    )


def _save(request, form):
    ceremony = form.save(commit=False)
    if not request.user.has_perm("certification.manage_ceremony", ceremony):
        form.add_error("district", _("อำเภอบันทึกได้เฉพาะพิธีของอำเภอตนเอง พิธีของจังหวัดให้จังหวัดบันทึก"))
        return None
    try:
        return honours.save_ceremony(
            ceremony,
            by=request.user,
            signature=form.cleaned_data.get("signature_file"),
            emblem=form.cleaned_data.get("emblem_file"),
        )
    except ValidationError as exc:
        form_errors(form, exc)
        return None


@staff_view
def ceremony_new(request):
    require_perm(request.user, "certification.record_ceremony")
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        ceremony = _save(request, form)
        if ceremony is not None:
            messages.success(request, _("บันทึกพิธี “%(t)s” แล้ว") % {"t": ceremony.title})
            return redirect("certification:ceremony", pk=ceremony.pk)
    return render(request, "certification/ceremony_form.html", {"form": form, "ceremony": None})


@staff_view
def ceremony_edit(request, pk):
    ceremony = get_object_or_404(Ceremony.objects.visible_to(request.user).select_related("year"), pk=pk)
    require_perm(request.user, "certification.manage_ceremony", ceremony)
    form = _form(request, instance=ceremony)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form)
        if saved is not None:
            messages.success(request, _("แก้ไขพิธีแล้ว"))
            return redirect("certification:ceremony", pk=saved.pk)
    return render(request, "certification/ceremony_form.html", {"form": form, "ceremony": ceremony})


@staff_view
def ceremony_detail(request, pk):
    ceremony = get_object_or_404(
        Ceremony.objects.visible_to(request.user).select_related("year__province", "district"), pk=pk
    )
    rows = list(
        honours.with_flags(ceremony.honours.all())
        .select_related("unit__district", "kind")
        .order_by("unit__district_id", "unit__name", "pk")
    )
    printable = [h for h in rows if honours.prints(h)]
    return render(
        request,
        "certification/ceremony_detail.html",
        {
            "ceremony": ceremony,
            "rows": rows,
            "printable": len(printable),
            "can_manage": request.user.has_perm("certification.manage_ceremony", ceremony),
        },
    )


@staff_view
@require_POST
def ceremony_print(request, pk):
    ceremony = get_object_or_404(Ceremony.objects.visible_to(request.user).select_related("year"), pk=pk)
    require_perm(request.user, "certification.manage_ceremony", ceremony)
    gf = request_file(
        ceremony,
        kind=CEREMONY_KIND,
        by=request.user,
        title=_("เกียรติบัตร %(t)s") % {"t": ceremony.title},
        perm="certification.manage_ceremony",
        back=request.path.rsplit("print/", 1)[0],
    )
    return redirect("core:file_status", token=gf.token)
