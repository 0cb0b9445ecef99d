"""Stage 1 (ขั้นเตรียมการ) records and partners of a district-year; photos of every stage."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.forms import form_errors
from apps.core.objectstore import serve_or_404
from apps.core.query import chosen, filtered

from . import services_stage1
from .enums import PartnerKind, PrepKind, Stage
from .filters import PhotoFilter
from .forms import PartnerForm, PhotoReportChoiceForm, PhotoUploadForm, PreparationRecordForm
from .models import Partner, Photo, PreparationRecord, Unit
from .photos import photo_file_response
from .selectors import default_year, district_or_404, home_district, visible_districts, year_for_district


def _index(request, url_name, title):
    """Nav entry: a district officer goes to their district; others pick a district of the current year."""
    code = home_district(request.user)
    year = default_year(request.user, code[:2] if code else None)
    if year is None:
        return render(request, "registry/no_year.html")
    if code:
        return redirect(url_name, pk=year.pk, district=code)
    districts = visible_districts(request.user).filter(province_id=year.province_id).order_by("code")
    return render(
        request,
        "registry/district_pick.html",
        {"year": year, "districts": districts, "url_name": url_name, "title": title},
    )


@staff_view
def stage1_index(request):
    return _index(request, "registry:stage1", _("งานขั้นเตรียมการ"))


@staff_view
def photos_index(request):
    return _index(request, "registry:photos", _("ภาพกิจกรรม"))


@staff_view
def stage1(request, pk, district):
    district = district_or_404(request.user, district)
    year = year_for_district(request.user, pk, district)
    records = PreparationRecord.objects.filter(district=district, year=year).select_related("created_by")
    by_kind = [(k, [r for r in records if r.kind == k.value]) for k in PrepKind]
    partners = Partner.objects.filter(district=district, year=year)
    photos = Photo.objects.filter(district=district, year=year, stage=Stage.PREPARATION)[:12]
    return render(
        request,
        "registry/stage1.html",
        {
            "district": district,
            "year": year,
            "by_kind": by_kind,
            "partners": partners,
            "photos": photos,
            "partner_kinds": PartnerKind,
            "can_edit": request.user.has_perm("registry.manage_district_work", district),
        },
    )


@staff_view
def record_edit(request, pk=None, district=None, record_id=None):
    if record_id is not None:
        record = get_object_or_404(
            PreparationRecord.objects.visible_to(request.user).select_related("district", "year"),
            pk=record_id,
        )
        district, year = record.district, record.year
    else:
        record = None
        district = district_or_404(request.user, district)
        year = year_for_district(request.user, pk, district)
    require_perm(request.user, "registry.manage_district_work", district)
    initial = {"kind": request.GET.get("kind")} if record is None else {}
    form = PreparationRecordForm(
        request.POST or None, request.FILES or None, instance=record, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in services_stage1.RECORD_FIELDS}
        try:
            services_stage1.save_record(
                district,
                year,
                data,
                by=request.user,
                record=record,
                version=form.cleaned_data.get("version"),
                file=form.cleaned_data.get("upload"),
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกงานขั้นเตรียมการแล้ว"))
            return redirect("registry:stage1", pk=year.pk, district=district.code)
    return render(
        request,
        "registry/stage1_form.html",
        {
            "district": district,
            "year": year,
            "form": form,
            "multipart": True,
            "title": _("แก้ไขบันทึก") if record else _("บันทึกงานขั้นเตรียมการ"),
        },
    )


@staff_view
def record_file(request, record_id):
    record = get_object_or_404(PreparationRecord.objects.visible_to(request.user), pk=record_id)
    if not record.file:
        raise Http404
    return serve_or_404(record.file, as_attachment=True)


@staff_view
def partner_edit(request, pk=None, district=None, partner_id=None):
    if partner_id is not None:
        partner = get_object_or_404(
            Partner.objects.visible_to(request.user).select_related("district", "year"), pk=partner_id
        )
        district, year = partner.district, partner.year
    else:
        partner = None
        district = district_or_404(request.user, district)
        year = year_for_district(request.user, pk, district)
    require_perm(request.user, "registry.manage_district_work", district)
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services_stage1.save_partner(
                district,
                year,
                form.cleaned_data,
                by=request.user,
                partner=Partner.objects.get(pk=partner.pk) if partner else None,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกภาคีการพัฒนาแล้ว"))
            return redirect("registry:stage1", pk=year.pk, district=district.code)
    return render(
        request,
        "registry/stage1_form.html",
        {
            "district": district,
            "year": year,
            "form": form,
            "title": _("แก้ไขภาคี") if partner else _("เพิ่มภาคีการพัฒนา/เครือข่ายผู้ผ่าน มชช."),
        },
    )


@staff_view
def photos(request, pk, district):
    district = district_or_404(request.user, district)
    year = year_for_district(request.user, pk, district)
    base = Photo.objects.filter(district=district, year=year).select_related("unit")
    f = filtered(PhotoFilter, request, base, district=district)
    qs = f.qs
    stage = chosen(f, "stage")
    return render(
        request,
        "registry/photos.html",
        {
            "district": district,
            "year": year,
            "photos": qs[:200],
            "stages": Stage,
            "stage": stage,
            "can_upload": request.user.has_perm("registry.manage_district_work", district),
            "report_limit": services_stage1.report_limit(),
        },
    )


@staff_view
def photo_upload(request, pk, district):
    district = district_or_404(request.user, district)
    year = year_for_district(request.user, pk, district)
    require_perm(request.user, "registry.manage_district_work", district)
    units = Unit.objects.filter(district=district, is_active=True).order_by("target_type", "name")
    unit_id = request.GET.get("unit")
    form = PhotoUploadForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        initial={"unit": unit_id, "stage": request.GET.get("stage")},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            saved = services_stage1.upload_photos(
                district,
                year,
                d["images"],
                by=request.user,
                caption=d["caption"],
                stage=d["stage"],
                unit=d["unit"],
                taken_on=d["taken_on"],
                is_public=d["is_public"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("อัปโหลดภาพแล้ว %(n)d รูป") % {"n": len(saved)})
            if d["unit"]:
                return redirect("registry:unit", pk=d["unit"].pk)
            return redirect("registry:photos", pk=year.pk, district=district.code)
    return render(request, "registry/photo_upload.html", {"district": district, "year": year, "form": form})


@transaction.non_atomic_requests  # a page loads many thumbnails at once: each fill commits on its own (SQLite)
@staff_view
def photo_image(request, photo_id, thumb=False):
    """The only way to an image (registry:photo_image) or its thumbnail (registry:photo_thumb): after the
    visibility check, never a /media/ URL."""
    photo = get_object_or_404(Photo.objects.visible_to(request.user), pk=photo_id)
    return photo_file_response(
        photo, thumb=thumb, content_type="image/jpeg", cache_control="private, max-age=3600"
    )


@staff_view
@require_POST
def photo_in_report(request, photo_id):
    """The district chooses the photos of each stage its report prints (at most REPORT_PHOTOS_PER_STAGE)."""
    photo = get_object_or_404(Photo.objects.visible_to(request.user), pk=photo_id)
    require_perm(request.user, "registry.manage_district_work", photo)
    form = PhotoReportChoiceForm(request.POST, host=request.get_host())
    if not form.is_valid():
        messages.error(request, _("คำขอไม่ถูกต้อง กรุณาลองใหม่"))
    else:
        chosen_now = form.cleaned_data["chosen"]
        try:
            services_stage1.set_in_report(photo, by=request.user, chosen=chosen_now)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("เลือกภาพนี้เข้ารายงานแล้ว") if chosen_now else _("นำภาพนี้ออกจากรายงานแล้ว"))
    back = form.cleaned_data.get("back") if form.is_valid() else ""
    if back:
        return redirect(back)
    if photo.unit_id:
        return redirect("registry:unit", pk=photo.unit_id)
    return redirect("registry:photos", pk=photo.year_id, district=photo.district_id)


@staff_view
@require_POST
def photo_delete(request, photo_id):
    photo = get_object_or_404(Photo.objects.visible_to(request.user), pk=photo_id)
    require_perm(request.user, "registry.manage_district_work", photo)
    year_id, district = photo.year_id, photo.district_id
    services_stage1.delete_photo(photo, by=request.user)
    messages.success(request, _("ลบภาพแล้ว"))
    return redirect("registry:photos", pk=year_id, district=district)
