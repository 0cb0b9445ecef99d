"""Standards catalogue: list, detail, edits (versioned), publish, xlsx export and import with preview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.audit import audit_export
from apps.core.forms import form_errors, validate_upload
from apps.core.generated import request_download
from apps.registry.enums import TargetType
from apps.registry.models import ProgrammeYear

from . import documents, xlsx
from .forms import ComponentForm, ImportForm, IndicatorForm, NewSetForm, RuleForm
from .models import Component, Indicator, StandardSet
from .selectors import pick_year
from .services import catalogue

SESSION_KEY = "development.import_preview"


def _managed_years(user):
    years = ProgrammeYear.objects.visible_to(user).select_related("province")
    return years.filter(pk__in=[y.pk for y in years if user.has_perm("development.manage_catalogue", y)])


def _after_write(request, w, message):
    if w.new_version:
        messages.warning(
            request,
            _("ชุดนี้ประกาศใช้หรือมีผลประเมินแล้ว ระบบจึงสร้างฉบับที่ %(v)s (ร่าง) ข้อมูลฉบับเดิมยังอยู่ครบ ตรวจสอบแล้วกดประกาศใช้")
            % {"v": w.standard_set.version},
        )
    messages.success(request, message)
    return redirect("development:standard", pk=w.standard_set.pk)


@staff_view
def standard_list(request):
    year, years = pick_year(request.user, request.GET.get("year"))
    sets = (
        (
            StandardSet.objects.visible_to(request.user)
            .filter(year=year)
            .select_related("year__province", "national")
            .order_by("target_type", "-version")
        )
        if year
        else StandardSet.objects.none()
    )
    by_type = {tt.value: [] for tt in TargetType}
    for s in sets:
        by_type[s.target_type].append(s)
    return render(
        request,
        "development/standard_list.html",
        {
            "year": year,
            "years": years,
            "by_type": [(TargetType(k), v) for k, v in by_type.items()],
            "can_add": request.user.has_perm("development.add_catalogue"),
            "can_adopt": request.user.has_perm("development.adopt_national"),
            "can_read_national": request.user.has_perm("development.read_national")
            or request.user.has_perm("development.manage_national"),
            "any_demo": any(s.is_demo for s in sets),
        },
    )


def _load_set(request, pk):
    return visible_or_404(StandardSet.objects.select_related("year__province").model, request.user, pk=pk)


@staff_view
def standard_detail(request, pk):
    s = get_object_or_404(
        StandardSet.objects.visible_to(request.user).select_related("year__province", "national"), pk=pk
    )
    components = list(s.components.prefetch_related("indicators"))
    national_components = {c.pk for c in components for i in c.indicators.all() if i.national_source_id}
    newest = (
        StandardSet.objects.filter(year_id=s.year_id, target_type=s.target_type).order_by("-version").first()
    )
    indicators = [i for c in components for i in c.indicators.all() if i.is_active]
    return render(
        request,
        "development/standard_detail.html",
        {
            "s": s,
            "components": components,
            "errors": catalogue.set_errors(s, indicators=indicators),
            "total_weight": sum(i.weight for i in indicators),
            "n_indicators": len(indicators),
            "is_newest": newest.pk == s.pk,
            "newest": newest,
            "in_use": s.assessments.count(),
            "national_components": national_components,
            "national_url": reverse("development:national", args=[s.national_id]) if s.national_id else "",
            "can_manage": request.user.has_perm("development.manage_catalogue", s),
            "versions": StandardSet.objects.filter(year_id=s.year_id, target_type=s.target_type).order_by(
                "-version"
            ),
        },
    )


@staff_view
def standard_new(request):
    require_perm(request.user, "development.add_catalogue")
    years = _managed_years(request.user)
    form = NewSetForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            s = catalogue.create_set(
                form.cleaned_data["year"],
                form.cleaned_data["target_type"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("สร้างชุดมาตรฐาน (ร่าง) แล้ว เพิ่มด้านและตัวชี้วัดได้เลย"))
            return redirect("development:standard", pk=s.pk)
    return render(
        request,
        "development/form.html",
        {"form": form, "title": _("สร้างชุดมาตรฐานใหม่"), "back": "development:standards"},
    )


def _editable(request, pk):
    s = get_object_or_404(StandardSet.objects.visible_to(request.user).select_related("year"), pk=pk)
    require_perm(request.user, "development.manage_catalogue", s)
    return s


def _refused(request, s, **what):
    """A redirect to the set with the Thai refusal when `what` (an indicator, a component) is the centre's."""
    try:
        catalogue.refuse_national(s, **what)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("development:standard", pk=s.pk)
    return None


@staff_view
def standard_rule(request, pk):
    s = _editable(request, pk)
    form = RuleForm(request.POST or None, instance=s, initial={"lock_version": s.lock_version})
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in catalogue.RULE_FIELDS}
        s.refresh_from_db()
        try:
            w = catalogue.update_rule(
                s, data, by=request.user, lock_version=form.cleaned_data["lock_version"]
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            return _after_write(request, w, _("บันทึกเกณฑ์การผ่านแล้ว"))
    return render(request, "development/form.html", {"form": form, "s": s, "title": _("ชื่อและเกณฑ์การผ่าน")})


@staff_view
def component_edit(request, pk, component_id=None):
    s = _editable(request, pk)
    comp = get_object_or_404(Component, pk=component_id, standard_set=s) if component_id else None
    if comp is not None and (refused := _refused(request, s, component=comp)):
        return refused
    form = ComponentForm(
        request.POST or None, instance=comp, initial=None if comp else {"order": s.components.count() + 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            w = catalogue.save_component(
                s,
                name=form.cleaned_data["name"],
                order=form.cleaned_data["order"],
                by=request.user,
                component=comp,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            return _after_write(request, w, _("บันทึกด้านแล้ว"))
    return render(
        request,
        "development/form.html",
        {"form": form, "s": s, "title": _("แก้ไขด้าน") if comp else _("เพิ่มด้าน")},
    )


@staff_view
def indicator_edit(request, pk, indicator_id=None):
    s = _editable(request, pk)
    ind = get_object_or_404(Indicator, pk=indicator_id, component__standard_set=s) if indicator_id else None
    if ind is not None and (refused := _refused(request, s, indicator=ind)):
        return refused
    if not s.components.exists():
        messages.error(request, _("กรุณาเพิ่มด้านก่อนเพิ่มตัวชี้วัด"))
        return redirect("development:component_new", pk=s.pk)
    form = IndicatorForm(request.POST or None, instance=ind, standard_set=s)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in catalogue.INDICATOR_FIELDS}
        try:
            w = catalogue.save_indicator(
                s, data, component=form.cleaned_data["component"], by=request.user, indicator=ind
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            return _after_write(request, w, _("บันทึกตัวชี้วัดแล้ว"))
    return render(
        request,
        "development/form.html",
        {"form": form, "s": s, "title": _("แก้ไขตัวชี้วัด") if ind else _("เพิ่มตัวชี้วัด")},
    )


@staff_view
@require_POST
def indicator_remove(request, pk, indicator_id):
    s = _editable(request, pk)
    ind = get_object_or_404(Indicator, pk=indicator_id, component__standard_set=s)
    try:
        w, retired = catalogue.remove_indicator(ind, by=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("development:standard", pk=s.pk)
    if retired:
        return _after_write(request, w, _("ตัวชี้วัดนี้มีผลการประเมินแล้ว จึงยกเลิกการใช้แทนการลบ (ข้อมูลเดิมยังอยู่)"))
    return _after_write(request, w, _("ลบตัวชี้วัดแล้ว"))


@staff_view
@require_POST
def standard_publish(request, pk):
    s = _editable(request, pk)
    try:
        catalogue.publish(s, by=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("ประกาศใช้ชุดมาตรฐานฉบับที่ %(v)s แล้ว") % {"v": s.version})
    return redirect("development:standard", pk=s.pk)


@staff_view
def standard_export(request, pk):
    """The xlsx of the set, built by the worker; the progress page offers it when done."""
    s = get_object_or_404(StandardSet.objects.visible_to(request.user).select_related("year"), pk=pk)
    gf = request_download(
        request.user,
        kind=documents.STANDARDS_KIND,
        title=_("ชุดมาตรฐาน ปีงบประมาณ %(fy)s ฉบับที่ %(v)s (Excel)") % {"fy": s.year.fiscal_year, "v": s.version},
        params={"standard_set_id": s.pk},
        back=reverse("development:standard", kwargs={"pk": s.pk}),
    )
    audit_export(request.user, "standards_xlsx", s)
    return redirect("core:file_status", token=gf.token)


@staff_view
def standard_import(request):
    """Step 1: upload → parse → preview (kept in the session). Step 2: confirm → save as a new version."""
    require_perm(request.user, "development.add_catalogue")
    years = _managed_years(request.user)
    preview = request.session.get(SESSION_KEY)
    if request.method == "POST" and request.POST.get("confirm"):
        if not preview:
            messages.error(request, _("ไม่พบข้อมูลที่ตรวจสอบไว้ กรุณาอัปโหลดไฟล์อีกครั้ง"))
            return redirect("development:standard_import")
        year = get_object_or_404(years, pk=preview["year"])
        if not request.user.has_perm("development.manage_catalogue", year):
            raise PermissionDenied
        try:
            s = catalogue.import_set(year, preview["target_type"], preview["parsed"], by=request.user)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
            return redirect("development:standard_import")
        del request.session[SESSION_KEY]
        messages.success(request, _("นำเข้าชุดมาตรฐานฉบับที่ %(v)s แล้ว") % {"v": s.version})
        return redirect("development:standard", pk=s.pk)
    form = ImportForm(request.POST or None, request.FILES or None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            validate_upload(form.cleaned_data["file"], "spreadsheet")
            parsed = xlsx.parse(form.cleaned_data["file"])
        except ValidationError as exc:
            form_errors(form, exc)
            request.session.pop(SESSION_KEY, None)
            preview = None
        else:
            preview = {
                "year": form.cleaned_data["year"].pk,
                "target_type": form.cleaned_data["target_type"],
                "parsed": parsed,
            }
            request.session[SESSION_KEY] = preview
    elif request.method == "GET":
        request.session.pop(SESSION_KEY, None)
        preview = None
    ctx = {"form": form, "preview": preview}
    if preview:
        ctx["preview_year"] = ProgrammeYear.objects.filter(pk=preview["year"]).first()
        ctx["preview_type"] = TargetType(preview["target_type"]).label
    return render(request, "development/standard_import.html", ctx)
