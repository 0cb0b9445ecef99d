"""Excel: the blank template, the export of a list, and the import with a preview (nothing saved before)."""

import datetime as dt
import uuid
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.audit import audit
from apps.core.forms import validate_upload
from apps.core.generated import request_file

from . import excel, services
from .builders import UNITS_KIND
from .selectors import district_or_404, year_for_district

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "registry_import"


def _xlsx(content, filename):
    resp = HttpResponse(content, content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return resp


@staff_view
def import_template(request):
    return _xlsx(excel.template_xlsx(), "mchch-units-template.xlsx")


@staff_view
@require_POST
def unit_export(request):
    """Queue the xlsx of the list under the filters of the query string; the progress page offers it when done.
    Only the person who asked may download it (the file is about nobody else's object)."""
    filters = {k: v for k, v in request.GET.items() if k != "page"}
    query = urlencode(filters)
    back = reverse("registry:units") + (f"?{query}" if query else "")
    audit(request.user, "export.units_xlsx", after={"filters": filters, "national_ids": "masked"})
    gf = request_file(
        None,
        kind=UNITS_KIND,
        by=request.user,
        title=_("ส่งออกรายชื่อหน่วยนับ (Excel)"),
        back=back,
        params={"filters": filters},
        ttl=dt.timedelta(days=1),
    )
    return redirect("core:file_status", token=gf.token)


@staff_view
@require_POST
def unit_export_full(request):
    """The same list with full national IDs: a separate action of a district officer, for the units of the
    officer's own district only, with a reason; audited (issue 19 item 3)."""
    from .forms import RevealForm

    filters = {k: v for k, v in request.GET.items() if k != "page"}
    query = urlencode(filters)
    back = reverse("registry:units") + (f"?{query}" if query else "")
    district = filters.get("district", "")
    if district not in request.user.scope.district_ids:
        raise PermissionDenied
    form = RevealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณาระบุเหตุผลที่ต้องการเลขประจำตัวประชาชนแบบเต็ม ยังไม่ได้ส่งออกไฟล์"))
        return redirect(back)
    reason = form.cleaned_data["reason"]
    audit(
        request.user,
        "export.units_xlsx_full_ids",
        after={"filters": filters, "national_ids": "full", "district": district},
        reason=reason,
    )
    gf = request_file(
        None,
        kind=UNITS_KIND,
        by=request.user,
        title=_("ส่งออกรายชื่อหน่วยนับ พร้อมเลขประจำตัวประชาชนแบบเต็ม (Excel)"),
        back=back,
        params={"filters": filters, "full_ids": True},
        ttl=dt.timedelta(hours=1),
    )
    return redirect("core:file_status", token=gf.token)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("ไฟล์ Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )

    def clean_file(self):
        return validate_upload(self.cleaned_data["file"], "spreadsheet")


def _import_path(token):
    return f"imports/registry/{token}.xlsx"


@staff_view
def unit_import(request, pk, district):
    district = district_or_404(request.user, district)
    year = year_for_district(request.user, pk, district)
    require_perm(request.user, "registry.manage_unit", district)
    form = ImportForm(request.POST or None, request.FILES or None)
    rows, token = None, None
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            rows = excel.parse(f, district, year)
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error("file", m)
        else:
            token = uuid.uuid4().hex
            f.seek(0)
            default_storage.save(_import_path(token), f)
            request.session[SESSION_KEY] = {"token": token, "district": district.code, "year": year.pk}
    return render(request, "registry/unit_import.html", _preview_context(district, year, form, rows, token))


def _preview_context(district, year, form, rows, token):
    bad = [r for r in rows if r["errors"]] if rows else []
    return {
        "district": district,
        "year": year,
        "form": form,
        "rows": rows,
        "token": token,
        "bad": bad,
        "n_enrol": sum(1 for r in rows or [] if r["enrol"]),
        "ok": rows is not None and not bad,
    }


@staff_view
@require_POST
def import_confirm(request, pk, district):
    district = district_or_404(request.user, district)
    year = year_for_district(request.user, pk, district)
    require_perm(request.user, "registry.manage_unit", district)
    state = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if state.get("token") != token or state.get("district") != district.code or state.get("year") != year.pk:
        messages.error(request, _("ไม่พบไฟล์ที่ตรวจสอบไว้ กรุณาอัปโหลดไฟล์อีกครั้ง"))
        return redirect("registry:unit_import", pk=year.pk, district=district.code)
    path = _import_path(token)
    try:
        with default_storage.open(path, "rb") as fh:
            rows = excel.parse(fh, district, year)
        mentor = (
            request.user
            if services.district_officers(district.code).filter(pk=request.user.pk).exists()
            else None
        )
        units, enrolled = excel.import_units(district, year, rows, by=request.user, mentor=mentor)
    except (ValidationError, FileNotFoundError) as exc:
        msgs = exc.messages if isinstance(exc, ValidationError) else [_("ไม่พบไฟล์ที่ตรวจสอบไว้ กรุณาอัปโหลดใหม่")]
        for m in msgs:
            messages.error(request, m)
        return redirect("registry:unit_import", pk=year.pk, district=district.code)
    default_storage.delete(path)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request, _("นำเข้าหน่วยนับ %(n)d หน่วย รับสมัครปีนี้ %(e)d หน่วยแล้ว") % {"n": len(units), "e": len(enrolled)}
    )
    return redirect(f"/app/units/?district={district.code}&year={year.pk}")
