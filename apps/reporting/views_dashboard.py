"""Dashboards: SVG charts with their numbers as tables and as xlsx, and the map of the province's districts.
Data always through visible_to, so a district officer sees their district, staff their province, national
viewers every province (read only). A province that has not opened a year yet shows an empty dashboard that says
so, never a 404. What they show is apps.reporting.dashboard; the xlsx is built by the worker."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.access import require_perm, staff_view
from apps.core.audit import audit_export
from apps.core.generated import request_download

from . import services
from .dashboard import dashboard_data, dashboard_scope
from .selectors import pick_year


@staff_view
def dashboard(request):
    require_perm(request.user, "reporting.view_dashboard")
    return render(request, "reporting/dashboard.html", dashboard_data(request))


@staff_view
def dashboard_export(request):
    """The dashboard's tables as xlsx, built by the worker with the same filters; the progress page offers it."""
    require_perm(request.user, "reporting.view_dashboard")
    province = dashboard_scope(request)[0]
    year, _years = pick_year(request.user, province.code, request.GET.get("year"))
    if year is None:
        raise Http404
    query = {k: request.GET[k] for k in ("province", "year", "type") if request.GET.get(k)}
    gf = request_download(
        request.user,
        kind=services.DASHBOARD_XLSX_KIND,
        title=_("แดชบอร์ด จังหวัด%(p)s ปีงบประมาณ %(fy)s (Excel)")
        % {"p": province.name_th, "fy": year.fiscal_year},
        params={"query": query},
        back=reverse("reporting:dashboard") + ("?" + urlencode(query) if query else ""),
    )
    audit_export(request.user, "dashboard_xlsx", year)
    return redirect("core:file_status", token=gf.token)
