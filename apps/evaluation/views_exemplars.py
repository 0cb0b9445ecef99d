"""ต้นแบบอำเภอ: one unit per district per year with its PowerPoint."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.forms import form_errors
from apps.core.models import GeneratedFile
from apps.core.objectstore import serve_or_404
from apps.geo.models import District
from apps.registry.enums import Outcome
from apps.registry.models import Enrolment, ProgrammeYear

from . import exemplars
from .forms import ExemplarForm, ExemplarSummaryForm, UploadForm
from .models import Exemplar


@staff_view
def exemplar_list(request):
    user = request.user
    years = list(
        ProgrammeYear.objects.visible_to(user).select_related("province").order_by("-fiscal_year")[:10]
    )
    year_id = request.GET.get("year")
    year = next((y for y in years if str(y.pk) == year_id), years[0] if years else None)
    rows = []
    if year is not None:
        chosen = {
            e.district_id: e
            for e in Exemplar.objects.visible_to(user)
            .filter(year=year)
            .select_related("enrolment__unit", "generated", "district")
        }
        for d in District.objects.visible_to(user).filter(province_id=year.province_id):
            ex = chosen.get(d.code)
            can_nominate = user.has_perm("evaluation.nominate_exemplar", d)
            if ex or can_nominate or user.scope.reads_all_of_province(year.province_id):
                rows.append({"district": d, "ex": ex, "can_nominate": can_nominate})
    can_zip = any(r["ex"] and (r["ex"].presentation or r["ex"].generated_id) for r in rows)
    return render(
        request,
        "evaluation/exemplar_list.html",
        {"years": years, "year": year, "rows": rows, "can_zip": can_zip},
    )


@staff_view
def exemplar_nominate(request, year_pk, district):
    year = visible_or_404(ProgrammeYear, request.user, pk=year_pk)
    district = get_object_or_404(
        District.objects.visible_to(request.user), code=district, province_id=year.province_id
    )
    require_perm(request.user, "evaluation.nominate_exemplar", district)
    enrolments = (
        Enrolment.objects.filter(year=year, unit__district=district)
        .exclude(outcome=Outcome.WITHDRAWN)
        .select_related("unit")
    )
    current = Exemplar.objects.filter(year=year, district=district).first()
    form = ExemplarForm(
        request.POST or None,
        enrolments=enrolments,
        initial={
            "enrolment": current.enrolment_id if current else None,
            "reason": current.reason if current else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            ex = exemplars.nominate(
                year,
                district,
                form.cleaned_data["enrolment"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("เสนอหน่วยนับต้นแบบแล้ว"))
            return redirect("evaluation:exemplar", pk=ex.pk)
    return render(
        request,
        "evaluation/form.html",
        {"form": form, "title": _("เสนอต้นแบบ%(d)s ปี %(fy)s") % {"d": district.label, "fy": year.fiscal_year}},
    )


@staff_view
def exemplar_detail(request, pk):
    ex = get_object_or_404(
        Exemplar.objects.visible_to(request.user).select_related(
            "year", "district", "enrolment__unit", "generated"
        ),
        pk=pk,
    )
    can_edit = request.user.has_perm("evaluation.nominate_exemplar", ex)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                exemplars.upload_presentation(ex, form.cleaned_data["presentation"], by=request.user)
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("อัปโหลดไฟล์นำเสนอแล้ว"))
                return redirect("evaluation:exemplar", pk=ex.pk)
    return render(request, "evaluation/exemplar_detail.html", {"ex": ex, "form": form, "can_edit": can_edit})


@staff_view
def exemplar_summary(request, pk):
    """The district writes the unit's story, lessons and partners before the deck is built."""
    ex = visible_or_404(Exemplar, request.user, pk=pk)
    require_perm(request.user, "evaluation.nominate_exemplar", ex)
    form = ExemplarSummaryForm(
        request.POST or None, initial={"story": ex.story, "lessons": ex.lessons, "partners": ex.partners}
    )
    if request.method == "POST" and form.is_valid():
        try:
            exemplars.write_summary(ex, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกสรุปองค์ความรู้แล้ว สร้าง PowerPoint ใหม่เพื่อให้ใช้ข้อความนี้"))
            return redirect("evaluation:exemplar", pk=ex.pk)
    return render(
        request,
        "evaluation/form.html",
        {"form": form, "title": _("สรุปองค์ความรู้ของต้นแบบ%(d)s") % {"d": ex.district.label}},
    )


@staff_view
def exemplar_decks(request, year_pk):
    """The decks of the year the user may read in one zip: all nine for the province and the committee that
    hears them in August, the district's own for a district."""
    year = visible_or_404(ProgrammeYear, request.user, pk=year_pk)
    files = exemplars.deck_files(Exemplar.objects.visible_to(request.user).filter(year=year))
    if not files:
        messages.info(request, _("ยังไม่มีไฟล์นำเสนอของต้นแบบในปีนี้"))
        return redirect(f"{reverse('evaluation:exemplars')}?year={year.pk}")
    name = f"exemplars-{year.province_id}-{year.fiscal_year}.zip"
    return FileResponse(exemplars.zip_of(files), as_attachment=True, filename=name)


@staff_view
@require_POST
def exemplar_generate(request, pk):
    ex = visible_or_404(Exemplar, request.user, pk=pk)
    require_perm(request.user, "evaluation.nominate_exemplar", ex)
    exemplars.request_pptx(ex, by=request.user)
    messages.success(request, _("กำลังสร้างไฟล์ PowerPoint จากข้อมูลของหน่วยนับ"))
    return redirect("evaluation:exemplar", pk=ex.pk)


@staff_view
def exemplar_download(request, pk, which):
    ex = visible_or_404(Exemplar, request.user, pk=pk)
    if which == "upload" and ex.presentation:
        f, name = ex.presentation, ex.presentation.name.rsplit("/", 1)[-1]
    elif which == "generated" and ex.generated_id:
        gf = GeneratedFile.objects.filter(pk=ex.generated_id, status=GeneratedFile.Status.DONE).first()
        if gf is None or not gf.file:
            raise Http404
        f, name = gf.file, gf.file.name.rsplit("/", 1)[-1]
    else:
        raise Http404
    return serve_or_404(f, as_attachment=True, filename=name)
