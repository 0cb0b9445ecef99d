"""The centre's standards catalogue (issue 20 item 1): national staff draft, edit, publish and version it;
provinces read published versions and adopt one into their year; the centre sees which version each province
uses. Drafts are the centre's own (404 to provinces); a published version is frozen (an edit is refused in
Thai with the offer of a new version)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.forms import form_errors
from apps.core.thaidates import fiscal_year_of
from apps.geo.models import Province
from apps.registry.enums import TargetType
from apps.registry.models import ProgrammeYear

from .forms import AdoptForm, NationalHeaderForm, NationalIndicatorForm, NationalNewForm, NationalQuery
from .models import NationalCatalogue, NationalIndicator
from .selectors import adoption_table
from .services import national


def _catalogues(user):
    """The catalogues a user may open: all of them for the centre's staff, published ones for readers."""
    if user.has_perm("development.manage_national"):
        return NationalCatalogue.objects.all()
    if user.has_perm("development.read_national"):
        return NationalCatalogue.objects.filter(published_at__isnull=False)
    raise Http404


def _years_with_catalogues():
    return sorted(
        set(NationalCatalogue.objects.order_by().values_list("fiscal_year", flat=True).distinct()),
        reverse=True,
    )


def _pick_fy(request, years):
    q = NationalQuery(request.GET)
    if q.is_valid() and q.cleaned_data["fy"]:
        return q.cleaned_data["fy"], q
    today = fiscal_year_of(timezone.localdate())
    return next((y for y in years if y <= today), years[0] if years else today), q


@staff_view
def national_list(request):
    qs = _catalogues(request.user)
    years = _years_with_catalogues()
    fy, query = _pick_fy(request, years)
    by_type = {tt.value: [] for tt in TargetType}
    for c in qs.filter(fiscal_year=fy).order_by("target_type", "-version"):
        by_type[c.target_type].append(c)
    return render(
        request,
        "development/national_list.html",
        {
            "fy": fy,
            "years": years,
            "query": query,
            "by_type": [(TargetType(k), v) for k, v in by_type.items()],
            "can_manage": request.user.has_perm("development.manage_national"),
            "can_adopt": request.user.has_perm("development.adopt_national"),
            "can_see_adoptions": request.user.has_perm("development.view_adoptions"),
        },
    )


@staff_view
def national_detail(request, pk):
    c = get_object_or_404(_catalogues(request.user), pk=pk)
    indicators = list(c.indicators.all())
    components = []
    for i in indicators:
        if not components or components[-1]["name"] != i.component_name:
            components.append({"order": i.component_order, "name": i.component_name, "indicators": []})
        components[-1]["indicators"].append(i)
    versions = _catalogues(request.user).filter(fiscal_year=c.fiscal_year, target_type=c.target_type)
    return render(
        request,
        "development/national_detail.html",
        {
            "c": c,
            "components": components,
            "n_indicators": len(indicators),
            "total_weight": sum(i.weight for i in indicators),
            "errors": [] if c.is_published else national.errors_of(c),
            "versions": versions.order_by("-version"),
            "adoptions": c.adoptions.count(),
            "can_manage": request.user.has_perm("development.manage_national"),
            "can_adopt": c.is_published and request.user.has_perm("development.adopt_national"),
        },
    )


@staff_view
def national_new(request):
    require_perm(request.user, "development.manage_national")
    form = NationalNewForm(
        request.POST or None, initial={"fiscal_year": fiscal_year_of(timezone.localdate())}
    )
    if request.method == "POST" and form.is_valid():
        try:
            c = national.create_draft(
                form.cleaned_data["fiscal_year"],
                form.cleaned_data["target_type"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("สร้างมาตรฐานส่วนกลาง (ร่าง) แล้ว เพิ่มตัวชี้วัดได้เลย"))
            return redirect("development:national", pk=c.pk)
    return render(
        request,
        "development/national_form.html",
        {"form": form, "title": _("สร้างมาตรฐานส่วนกลางใหม่")},
    )


def _draft_or_refuse(request, pk):
    """The catalogue to edit, or (None, redirect) with the Thai refusal when it is published."""
    c = get_object_or_404(_catalogues(request.user), pk=pk)
    require_perm(request.user, "development.manage_national")
    if c.is_published:
        messages.error(request, national.frozen_message(c))
        return c, redirect("development:national", pk=c.pk)
    return c, None


@staff_view
def national_edit(request, pk):
    c, refused = _draft_or_refuse(request, pk)
    if refused:
        return refused
    form = NationalHeaderForm(request.POST or None, instance=c)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in national.HEADER_FIELDS}
        c.refresh_from_db()
        try:
            national.update_header(c, data, by=request.user)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกชื่อและเกณฑ์การผ่านแล้ว"))
            return redirect("development:national", pk=c.pk)
    return render(
        request, "development/national_form.html", {"form": form, "c": c, "title": _("ชื่อและเกณฑ์การผ่าน")}
    )


@staff_view
def national_indicator_edit(request, pk, indicator_id=None):
    c, refused = _draft_or_refuse(request, pk)
    if refused:
        return refused
    ind = get_object_or_404(NationalIndicator, pk=indicator_id, catalogue=c) if indicator_id else None
    initial = None
    if ind is None:
        last = c.indicators.order_by("-component_order", "-order").first()
        initial = {
            "component_order": last.component_order if last else 1,
            "component_name": last.component_name if last else "",
            "order": c.indicators.count() + 1,
        }
    form = NationalIndicatorForm(request.POST or None, instance=ind, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in national.NATIONAL_INDICATOR_FIELDS}
        try:
            national.save_indicator(c, data, by=request.user, indicator=ind)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกตัวชี้วัดแล้ว"))
            return redirect("development:national", pk=c.pk)
    return render(
        request,
        "development/national_form.html",
        {"form": form, "c": c, "title": _("แก้ไขตัวชี้วัด") if ind else _("เพิ่มตัวชี้วัด")},
    )


def _post_action(request, pk, action):
    c = get_object_or_404(_catalogues(request.user), pk=pk)
    require_perm(request.user, "development.manage_national")
    try:
        return action(c)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("development:national", pk=c.pk)


@staff_view
@require_POST
def national_indicator_remove(request, pk, indicator_id):
    def remove(c):
        ind = get_object_or_404(NationalIndicator, pk=indicator_id, catalogue=c)
        national.remove_indicator(ind, by=request.user)
        messages.success(request, _("ลบตัวชี้วัดแล้ว"))
        return redirect("development:national", pk=c.pk)

    return _post_action(request, pk, remove)


@staff_view
@require_POST
def national_publish(request, pk):
    def publish(c):
        national.publish(c, by=request.user)
        messages.success(request, _("ประกาศใช้มาตรฐานส่วนกลางฉบับที่ %(v)s แล้ว") % {"v": c.version})
        return redirect("development:national", pk=c.pk)

    return _post_action(request, pk, publish)


@staff_view
@require_POST
def national_new_version(request, pk):
    def copy(c):
        new, created = national.new_version(c, by=request.user)
        if created:
            messages.success(
                request,
                _("สร้างฉบับที่ %(v)s (ร่าง) จากฉบับที่ %(f)s แล้ว แก้ไขแล้วกดประกาศใช้")
                % {"v": new.version, "f": c.version},
            )
        else:
            messages.info(request, _("มีฉบับร่าง (ฉบับที่ %(v)s) อยู่แล้ว แก้ไขฉบับนั้นได้เลย") % {"v": new.version})
        return redirect("development:national", pk=new.pk)

    return _post_action(request, pk, copy)


@staff_view
def national_adoptions(request):
    """ฉบับที่จังหวัดใช้: per province × target type, the national version of the set in force."""
    if not request.user.has_perm("development.view_adoptions"):
        raise Http404
    years = _years_with_catalogues()
    fy, query = _pick_fy(request, years)
    provinces = Province.objects.visible_to(request.user).order_by("code")
    rows, newest = adoption_table(fy, provinces)
    return render(
        request,
        "development/national_adoptions.html",
        {
            "fy": fy,
            "years": years,
            "query": query,
            "rows": rows,
            "types": list(TargetType),
            "newest": [newest.get(tt.value) for tt in TargetType],
            "n_open": sum(1 for r in rows if r["year_id"]),
        },
    )


def _adoptable_years(user):
    years = (
        ProgrammeYear.objects.visible_to(user).select_related("province").order_by("-fiscal_year", "province")
    )
    return years.filter(pk__in=[y.pk for y in years if user.has_perm("development.manage_catalogue", y)])


@staff_view
def standard_adopt(request):
    """A province's staff take a published national version into one of their years (?catalogue=<pk> picks
    it in the form)."""
    require_perm(request.user, "development.adopt_national")
    years = _adoptable_years(request.user)
    catalogues = NationalCatalogue.objects.filter(published_at__isnull=False).order_by(
        "-fiscal_year", "target_type", "-version"
    )
    initial = {"publish": True}
    query = NationalQuery(request.GET)
    if query.is_valid() and query.cleaned_data["catalogue"]:
        chosen = catalogues.filter(pk=query.cleaned_data["catalogue"]).first()
        if chosen is not None:
            initial["catalogue"] = chosen.pk
            initial["year"] = next((y.pk for y in years if y.fiscal_year == chosen.fiscal_year), None)
    form = AdoptForm(request.POST or None, years=years, catalogues=catalogues, initial=initial)
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        if not request.user.has_perm("development.manage_catalogue", year):
            raise PermissionDenied
        try:
            s = national.adopt(
                year, form.cleaned_data["catalogue"], by=request.user, publish=form.cleaned_data["publish"]
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("รับมาตรฐานส่วนกลางไปใช้แล้ว เป็นชุดมาตรฐานฉบับที่ %(v)s ของจังหวัด การประเมินที่ทำไปแล้วยังใช้ฉบับเดิม")
                % {"v": s.version},
            )
            return redirect("development:standard", pk=s.pk)
    return render(
        request,
        "development/national_form.html",
        {"form": form, "title": _("รับมาตรฐานส่วนกลางไปใช้"), "back": "development:standards"},
    )
