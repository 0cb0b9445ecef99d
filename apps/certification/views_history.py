"""History since 2547 (issue 20 item 5): the province imports its past passers from xlsx, with a dry-run
preview and row errors first (the same way as the registry's unit import); nothing is saved until confirmed."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.forms import validate_upload
from apps.geo.models import Province

from . import history

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "certification_history_import"


def _provinces(user):
    scope = user.scope
    return (
        Province.objects.all()
        if scope.is_admin
        else Province.objects.filter(code__in=scope.staff_province_ids)
    )


class HistoryImportForm(forms.Form):
    province = forms.ModelChoiceField(queryset=None, label=gettext_lazy("จังหวัด"))
    file = forms.FileField(
        label=gettext_lazy("ไฟล์ Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces
        if provinces.count() == 1:
            self.fields["province"].initial = provinces.first()

    def clean_file(self):
        return validate_upload(self.cleaned_data["file"], "spreadsheet")


def _path(token):
    return f"imports/certification/{token}.xlsx"


@staff_view
def history_template(request):
    require_perm(request.user, "certification.import_history")
    resp = HttpResponse(history.template_xlsx(), content_type=XLSX)
    resp["Content-Disposition"] = "attachment; filename*=UTF-8''mchch-history-template.xlsx"
    return resp


@staff_view
def history_import(request):
    require_perm(request.user, "certification.import_history")
    provinces = _provinces(request.user)
    form = HistoryImportForm(request.POST or None, request.FILES or None, provinces=provinces)
    rows, token = None, None
    if request.method == "POST" and form.is_valid():
        f, province = form.cleaned_data["file"], form.cleaned_data["province"]
        try:
            rows = history.parse_history(f, province)
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error("file", m)
        else:
            token = uuid.uuid4().hex
            f.seek(0)
            default_storage.save(_path(token), f)
            request.session[SESSION_KEY] = {"token": token, "province": province.code}
    bad = [r for r in rows if r["errors"]] if rows else []
    return render(
        request,
        "certification/history_import.html",
        {
            "form": form,
            "rows": rows,
            "bad": bad,
            "ok": rows is not None and not bad,
            "token": token,
            "n_new": sum(1 for r in rows or [] if r["unit"] is None),
        },
    )


@staff_view
@require_POST
def history_confirm(request):
    require_perm(request.user, "certification.import_history")
    state = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if not token or state.get("token") != token:
        messages.error(request, _("ไม่พบไฟล์ที่ตรวจสอบไว้ กรุณาอัปโหลดไฟล์อีกครั้ง"))
        return redirect("certification:history_import")
    province = get_object_or_404(_provinces(request.user), code=state.get("province"))
    path = _path(token)
    try:
        with default_storage.open(path, "rb") as fh:
            rows = history.parse_history(fh, province)
        records, new_units = history.import_history(province, rows, by=request.user)
    except (ValidationError, FileNotFoundError) as exc:
        msgs = exc.messages if isinstance(exc, ValidationError) else [_("ไม่พบไฟล์ที่ตรวจสอบไว้ กรุณาอัปโหลดใหม่")]
        for m in msgs:
            messages.error(request, m)
        return redirect("certification:history_import")
    default_storage.delete(path)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("นำเข้าใบรับรองที่ออกก่อนใช้ระบบ %(n)d ฉบับ (เพิ่มหน่วยนับใหม่ในทะเบียน %(u)d หน่วย) แล้ว")
        % {"n": len(records), "u": len(new_units)},
    )
    return redirect("certification:history_import")
