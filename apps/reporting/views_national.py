"""The centre's page (issue 20 item 2): every province of a fiscal year on one page, a sortable table and the
national map, drill-down to each province's dashboard (read only), the national annual summary as PDF or xlsx.
National staff and national viewers only: anyone else gets 404, as for another province's pages."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import staff_view
from apps.core.query import read_query
from apps.geo import maps
from apps.geo.models import Province
from apps.registry.enums import TargetType

from . import services
from .forms import NationalQuery, NationalSummaryForm
from .national import METRICS, SORTS, default_year, national_overview, national_years, sort_rows


def _country(request):
    if not request.user.has_perm("reporting.view_national"):
        raise Http404
    provinces = list(Province.objects.visible_to(request.user).order_by("code"))
    return provinces, national_years(provinces)


def _n(v):
    return f"{v:,}"


def _pct(v):
    return "–" if v is None else f"{v}%"


def _table_body(rows, links, n_types):
    """The provinces' rows as HTML, built here in one pass: 77 rows × 17 cells through template loops and
    number localisation cost more than the queries."""
    out = []
    for r in rows:
        p = r["province"]
        link = links.get(p.code)
        head = (
            format_html('<th scope="row"><a href="{}">{}</a></th>', link, p.name_th)
            if link
            else format_html('<th scope="row">{}</th>', p.name_th)
        )
        if r["year_id"] is None:
            out.append(
                format_html(
                    '<tr>{}<td colspan="{}" class="muted">{}</td></tr>',
                    head,
                    n_types + 7,
                    _("ยังไม่เปิดปีงบประมาณนี้"),
                )
            )
            continue
        stages = " · ".join(str(n) for n in r["stages"])
        bar = format_html_join(
            "",
            '<span class="s{}" style="width:{}%"></span>',
            ((i + 1, w) for i, w in enumerate(r["stage_shares"])),
        )
        types = format_html_join(
            "",
            '<td class="num">{}/{}/{}</td>',
            ((c["passed"], c["enrolled"], c["target"]) for c in r["by_type"]),
        )
        out.append(
            format_html(
                '<tr>{}<td><span class="stage-bar" title="{}">{}</span><small>{}</small></td>'
                '<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td>{}'
                '<td class="num">{} <small>({}/{})</small></td><td class="num">{}</td><td class="num">{}</td></tr>',
                head,
                stages,
                bar,
                stages,
                _n(r["enrolled"]),
                _n(r["target"]),
                _n(r["passed"]),
                types,
                _pct(r["on_time_pct"]),
                r["on_time"],
                r["due"],
                _n(r["certified"]),
                _n(r["honours"]),
            )
        )
    return mark_safe("\n".join(out))


@staff_view
def national(request):
    provinces, years = _country(request)
    q = read_query(NationalQuery, request, years=years)
    fy = q["year"] or default_year(years)
    data = national_overview(fy, provinces)
    rows = sort_rows(data["rows"], q["sort"])
    metric = q["metric"]
    dashboard = reverse("reporting:dashboard")

    def drill(code):
        row = next(r for r in data["rows"] if r["province"].code == code)
        if row["year_id"] is None:
            return None
        return dashboard + "?" + urlencode({"province": code, "year": row["year_id"]})

    links = {r["province"].code: drill(r["province"].code) for r in data["rows"]}
    the_map = maps.choropleth(
        maps.national_map(),
        {r["province"].code: r[metric] for r in data["rows"]},
        title=_("แผนที่จังหวัด: %(m)s ปีงบประมาณ %(fy)s") % {"m": METRICS[metric], "fy": fy},
        link=links.get,
        unit="%" if metric.endswith("_pct") else "",
        area_label=_("จังหวัด"),
        dom_id="national-map",
    )

    def sort_url(key):
        current = q["sort"]
        new = f"-{key}" if current == key else key
        return "?" + urlencode({"year": fy, "sort": new, "metric": metric})

    return render(
        request,
        "reporting/national.html",
        {
            "fy": fy,
            "years": years,
            "q": q,
            "table_body": _table_body(rows, links, len(TargetType)),
            "totals": data["totals"],
            "stages": data["stages"],
            "types": list(TargetType),
            "metrics": METRICS,
            "sorts": {k: {"label": label, "url": sort_url(k)} for k, label in SORTS.items()},
            "map": the_map,
            "links": links,
            "summary_form": NationalSummaryForm(initial={"year": fy}, years=years),
        },
    )


@staff_view
@require_POST
def national_summary(request):
    """Queue the national annual summary (PDF or xlsx); the next page shows its progress, then the download."""
    _provinces, years = _country(request)
    form = NationalSummaryForm(request.POST, years=years)
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกปีงบประมาณและรูปแบบไฟล์ให้ถูกต้อง"))
        return redirect("reporting:national")
    gf = services.request_national_summary(
        form.cleaned_data["year"], form.cleaned_data["format"], by=request.user
    )
    return redirect("core:file_status", token=gf.token)
