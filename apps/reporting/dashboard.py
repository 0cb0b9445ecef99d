"""What the dashboard shows (charts, tables, the district map) for a person and the filters of the query string;
the page (views_dashboard) and its xlsx (built by the worker, builders.dashboard_xlsx) read the same data."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.query import read_query
from apps.geo import maps
from apps.geo.models import District, Province
from apps.registry.enums import DeadlineKind, Stage, TargetType
from apps.registry.models import Enrolment, ProgrammeYear

from . import charts
from .forms import DashboardQuery
from .models import Submission
from .selectors import pick_year, province_years, stage_counts, submission_timeliness, targets_met


def dashboard_scope(request):
    scope = request.user.scope
    provinces = Province.objects.visible_to(request.user).order_by("code")
    if not scope.all_provinces:
        provinces = provinces.filter(code__in=scope.readable_province_ids)
    wanted = request.GET.get("province")
    if wanted:
        province = provinces.filter(code=wanted).first()
        if province is None:
            raise Http404
    else:
        own = sorted(
            scope.staff_province_ids or scope.national_province_ids or {d[:2] for d in scope.district_ids}
        )
        # Without a province of one's own (admin, the centre): the first province that has opened a year.
        default = own[0] if own else _first_with_a_year(provinces)
        province = (default and provinces.filter(code=default).first()) or provinces.first()
    if province is None:
        raise PermissionDenied
    if scope.reads_all_of_province(province.code):
        districts = list(District.objects.filter(province=province).order_by("code"))
        whole = True
    else:
        districts = list(
            District.objects.filter(province=province, code__in=scope.district_ids).order_by("code")
        )
        whole = False
    if not districts:
        raise Http404
    return province, provinces, districts, whole


def _first_with_a_year(provinces):
    return (
        ProgrammeYear.objects.filter(province__in=provinces)
        .order_by("province_id")
        .values_list("province_id", flat=True)
        .first()
    )


def _district_map(province, year, districts, stage_rows, whole):
    """The province's districts coloured by enrolled units; each links to the district's units (read only)."""
    units = reverse("registry:units")
    shown = {d.code for d in districts}
    values = {d.code: r[-1] for d, r in zip(districts, stage_rows, strict=True)} if year else {}
    return maps.choropleth(
        maps.province_map(province.code),
        values,
        title=_("แผนที่อำเภอ: หน่วยนับที่เข้าสู่ระบบ จังหวัด%(p)s") % {"p": province.name_th},
        link=(
            lambda code: (
                units + "?" + urlencode({"year": year.pk, "district": code}) if code in shown else None
            )
        )
        if year
        else None,
        unit=_("หน่วยนับ"),
        area_label=_("อำเภอ"),
        dom_id="dashboard-map",
    )


def _empty(province, provinces, districts, whole, request):
    """A province that has not opened a year: the page says so (the map greys every district)."""
    return {
        "province": province,
        "provinces": provinces if request.user.scope.all_provinces else None,
        "year": None,
        "years": [],
        "ttype": "",
        "types": TargetType,
        "whole": whole,
        "charts": {},
        "tables": {},
        "map": _district_map(province, None, districts, [], whole),
    }


def dashboard_data(request):
    province, provinces, districts, whole = dashboard_scope(request)
    year, years = pick_year(request.user, province.code, request.GET.get("year"))
    if year is None:
        return _empty(province, provinces, districts, whole, request)
    ttype = read_query(DashboardQuery, request)["type"]
    enrolments = Enrolment.objects.visible_to(request.user)
    names = [d.name_th for d in districts]

    stages = stage_counts(year, enrolments, target_type=ttype or None)
    stage_rows = [[d.name_th] + [stages.get(d.code, {}).get(s.value, 0) for s in Stage] for d in districts]
    for r in stage_rows:
        r.append(sum(r[1:]))
    stage_header = [_("อำเภอ")] + [str(s.label) for s in Stage] + [_("รวม")]

    met = targets_met(year, districts, enrolments)
    met_header = [_("อำเภอ")] + [str(t.label) for t in TargetType] + [_("ประเภทที่ถึงเป้า (จาก 4)")]
    met_rows = [
        [r["district"].name_th] + [f"{c['n']}/{c['goal']}" for c in r["cells"]] + [r["met"]] for r in met
    ]

    timely = submission_timeliness(year, districts, Submission.objects.visible_to(request.user))
    timely_header = [_("รายงาน"), _("ตรงเวลา"), _("ช้า"), _("ยังไม่ส่ง (เลยกำหนด)"), _("ยังไม่ถึงกำหนด")]
    timely_rows = [
        [str(r["kind"].label), r["on_time"], r["late"], r["missing"], r["not_due"]] for r in timely
    ]

    across = province_years(province.code) if whole else []
    across_header = [
        _("ปีงบประมาณ"),
        _("หน่วยนับที่เข้าสู่ระบบ"),
        _("ผ่านการรับรอง"),
        _("ต่อเนื่องจากปีก่อน"),
        _("รายงานส่งตรงเวลา"),
        _("รายงานส่งช้า"),
    ]
    across_rows = [
        [r["year"].fiscal_year, r["enrolled"], r["certified"], r["carried"], r["on_time"], r["late"]]
        for r in across
    ]

    short_kinds = {
        DeadlineKind.APPLICANT_LIST: _("รายชื่อผู้สมัคร"),
        DeadlineKind.PLANS: _("แผนพัฒนาตนเอง"),
        DeadlineKind.RESULTS: _("ผลการเรียนรู้/ประเมิน"),
        DeadlineKind.PHOTOS: _("ภาพกิจกรรม"),
        DeadlineKind.EXEMPLAR: _("ต้นแบบ"),
    }
    charts_out = {
        "stages": charts.stacked_bars(
            _("หน่วยนับรายขั้นตอนรายอำเภอ"),
            names,
            [
                {"label": f"{s.value}. {s.label}".replace("ขั้น", ""), "values": [r[i + 1] for r in stage_rows]}
                for i, s in enumerate(Stage)
            ],
        ),
        "targets": charts.stacked_bars(
            _("จำนวนประเภทที่ถึงเป้าหมาย"),
            names,
            [
                {"label": _("ถึงเป้า"), "values": [r["met"] for r in met], "color": "#5aa469"},
                {"label": _("ยังไม่ถึงเป้า"), "values": [4 - r["met"] for r in met], "color": "#e5b3ab"},
            ],
        ),
        "timely": charts.stacked_bars(
            _("การส่งรายงานถึงจังหวัด"),
            [str(short_kinds[r["kind"]]) for r in timely],
            [
                {"label": _("ตรงเวลา"), "values": [r["on_time"] for r in timely], "color": "#5aa469"},
                {"label": _("ช้า"), "values": [r["late"] for r in timely], "color": "#e0a526"},
                {"label": _("ยังไม่ส่ง"), "values": [r["missing"] for r in timely], "color": "#b5473a"},
                {"label": _("ยังไม่ถึงกำหนด"), "values": [r["not_due"] for r in timely], "color": "#c9ced4"},
            ],
        ),
        "years": charts.columns(
            _("ผลการดำเนินงานจังหวัดรายปี"),
            [str(r[0]) for r in across_rows],
            [
                {"label": _("เข้าสู่ระบบ"), "values": [r[1] for r in across_rows]},
                {"label": _("ผ่านการรับรอง"), "values": [r[2] for r in across_rows], "color": "#5aa469"},
                {"label": _("ส่งรายงานตรงเวลา"), "values": [r[4] for r in across_rows], "color": "#e0a526"},
            ],
        )
        if across_rows
        else None,
    }
    tables = {
        "stages": (stage_header, stage_rows),
        "targets": (met_header, met_rows),
        "timely": (timely_header, timely_rows),
        "years": (across_header, across_rows),
    }
    return {
        "province": province,
        "provinces": provinces if request.user.scope.all_provinces else None,
        "year": year,
        "years": years,
        "ttype": ttype,
        "types": TargetType,
        "whole": whole,
        "charts": charts_out,
        "tables": tables,
        "map": _district_map(province, year, districts, stage_rows, whole),
    }


def dashboard_tables(user, query):
    """The sheets of the dashboard's xlsx for `user` under the filters `query` (a dict of the query string)."""
    from types import SimpleNamespace

    from django.http import QueryDict
    from django.utils.translation import gettext as _

    get = QueryDict(mutable=True)
    get.update(query or {})
    data = dashboard_data(SimpleNamespace(user=user, GET=get, _query_warned=True))
    if data["year"] is None:
        return None, None
    t = data["tables"]
    sheets = [
        (_("ขั้นตอนรายอำเภอ"), *t["stages"]),
        (_("เป้าหมาย"), *t["targets"]),
        (_("การส่งรายงาน"), *t["timely"]),
    ]
    if t["years"][1]:
        sheets.append((_("รายปี"), *t["years"]))
    return data, sheets
