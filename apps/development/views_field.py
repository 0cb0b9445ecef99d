"""The field app of a district officer (issue 22): the "today" screen, installable and usable offline, and the
endpoints its queue of offline entries is sent to. The service worker and the web manifest are served here too,
so that they carry the hashed names of the static files they list."""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from apps.core.access import require_perm, staff_view
from apps.geo.models import District
from apps.registry.models import Enrolment

from .forms import FieldPhotoForm, FieldStage1Form, FieldVisitForm
from .pages import PERM
from .selectors import field_today, pick_year
from .services.field import Conflict, sync_photo, sync_stage1_note, sync_visit

# The files of the shell the service worker keeps; the page itself (with the day's data) is kept as it is fetched.
SHELL = [
    "css/app.css",
    "css/field.css",
    "js/field.js",
    "js/idb.js",
    "fonts/Sarabun-Regular.woff2",
    "fonts/Sarabun-Bold.woff2",
    "img/logo.svg",
    "img/field-192.png",
]


def _officer_districts(user):
    """The districts the user is district officer of; the field app is theirs alone (404 for everyone else)."""
    codes = user.scope.district_ids
    districts = list(District.objects.filter(code__in=codes).order_by("code")) if codes else []
    if not districts:
        raise Http404
    return districts


def _field_enrolments(user, districts):
    """Units an entry may be about: the officer's districts, any outcome (a decided one answers with a conflict)."""
    return (
        Enrolment.objects.visible_to(user)
        .filter(unit__district_id__in=[d.code for d in districts])
        .select_related("unit", "year")
    )


@staff_view
@require_safe
def today(request):
    districts = _officer_districts(request.user)
    year, _years = pick_year(request.user, None)
    data = (
        field_today(request.user, districts, year) if year else {"units": [], "visits_next": [], "stage1": []}
    )
    units = data["units"]
    ids = [e.pk for e in units]
    enrolments = _field_enrolments(request.user, districts).filter(pk__in=ids).order_by("unit__name")
    response = render(
        request,
        "development/field/today.html",
        {
            **data,
            "year": year,
            "districts": districts,
            "visit_form": FieldVisitForm(
                enrolments=enrolments,
                initial={"visitors": request.user.get_full_name(), "visited_on": timezone.localdate()},
                auto_id="visit_%s",
            ),
            "photo_form": FieldPhotoForm(enrolments=enrolments, auto_id="photo_%s"),
            "stage1_form": FieldStage1Form(districts=districts, auto_id="stage1_%s"),
            "stages": {str(e.pk): e.stage for e in units},
            "texts": _texts(),
            "sw_url": reverse("development:field_sw"),
        },
    )
    # The service worker keeps the page for offline use; the browser's own cache must not serve yesterday's.
    response["Cache-Control"] = "no-cache, private"
    return response


def _texts():
    """What field.js says, translated here (the script holds no text of its own)."""
    return {
        "pending": _("รอส่ง %(n)s รายการ"),
        "queued": _("บันทึกไว้ในเครื่องแล้ว จะส่งให้เมื่อมีสัญญาณ"),
        "synced": _("ส่งแล้ว %(n)s รายการ"),
        "full": _(
            "พื้นที่เก็บข้อมูลในเครื่องเต็ม รายการนี้ยังไม่ได้บันทึก กรุณาส่งรายการที่รอส่ง หรือลบรูป/แอปที่ไม่ใช้ในโทรศัพท์ แล้วลองอีกครั้ง"
        ),
        "login": _("ต้องเข้าสู่ระบบใหม่ก่อนจึงจะส่งได้ รายการยังอยู่ในเครื่อง"),
        "conflict": _("ขัดแย้งกับข้อมูลล่าสุด"),
        "error": _("ส่งไม่ได้"),
        "waiting": _("รอส่ง"),
        "remove": _("ลบรายการ"),
        "remove_confirm": _("ลบรายการนี้ออกจากเครื่อง? ข้อมูลของรายการจะหายไป"),
        "retry": _("ส่งใหม่ตามขั้นปัจจุบัน"),
        "again": _("ส่งอีกครั้ง"),
        "details": _("ข้อมูลที่บันทึกไว้ (คัดลอกไปบันทึกใหม่ได้)"),
        "bad_image": _("เปิดรูปนี้ไม่ได้ กรุณาเลือกรูปอื่น"),
        "no_image": _("กรุณาถ่ายหรือเลือกรูปก่อน"),
        "kinds": {"visit": _("การติดตามนิเทศ"), "photo": _("ภาพกิจกรรม"), "stage1": _("งานขั้นเตรียมการ")},
    }


def _json(data, status):
    """JSON whose text never holds a raw <, > or & (an echoed value stays inert even if shown as HTML)."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return HttpResponse(text, status=status, content_type="application/json")


def _json_error(form_or_message, status=400, **extra):
    if isinstance(form_or_message, str):
        message, errors = form_or_message, {}
    else:
        errors = {f: [str(m) for m in ms] for f, ms in form_or_message.errors.items()}
        message = " ".join(f"{m}" for ms in errors.values() for m in ms)
    return _json({"ok": False, "message": message, "errors": errors, **extra}, status)


def _answer(obj, created, **extra):
    return JsonResponse(
        {"ok": True, "id": obj.pk, "created": created, **extra}, status=201 if created else 200
    )


def _run(fn):
    try:
        return fn()
    except Conflict as exc:
        return _json_error(exc.message, status=409, conflict=True)
    except ValidationError as exc:
        return _json_error(" ".join(exc.messages), status=422)


@staff_view
@require_POST
def sync_visit_view(request):
    districts = _officer_districts(request.user)
    form = FieldVisitForm(request.POST, enrolments=_field_enrolments(request.user, districts))
    if not form.is_valid():
        return _json_error(form, status=422)
    e = form.cleaned_data["enrolment"]
    require_perm(request.user, PERM, e)
    data = {
        f: form.cleaned_data[f] for f in ("kind", "visited_on", "visitors", "learned", "advice", "next_step")
    }
    return _run(
        lambda: _answer(
            *sync_visit(
                e,
                data,
                client_id=form.cleaned_data["client_id"],
                stage_seen=form.cleaned_data["stage_seen"],
                by=request.user,
            )
        )
    )


@staff_view
@require_POST
def sync_photo_view(request):
    districts = _officer_districts(request.user)
    form = FieldPhotoForm(request.POST, request.FILES, enrolments=_field_enrolments(request.user, districts))
    if not form.is_valid():
        return _json_error(form, status=422)
    if form.cut_off():
        # The connection broke during the upload: nothing is kept, the phone sends the whole photo again.
        return _json_error(_("รูปมาไม่ครบ (การเชื่อมต่อขาดระหว่างส่ง) จะส่งใหม่อีกครั้ง"), status=400, retry=True)
    e = form.cleaned_data["enrolment"]
    require_perm(request.user, PERM, e)
    c = form.cleaned_data
    return _run(
        lambda: _answer(
            *sync_photo(
                e,
                c["image"],
                client_id=c["client_id"],
                stage_seen=c["stage_seen"],
                caption=c["caption"],
                taken_on=c["taken_on"],
                visit_client_id=c["visit_client_id"],
                by=request.user,
            )
        )
    )


@staff_view
@require_POST
def sync_stage1_view(request):
    districts = _officer_districts(request.user)
    form = FieldStage1Form(request.POST, districts=districts)
    if not form.is_valid():
        return _json_error(form, status=422)
    district = next(d for d in districts if d.code == form.cleaned_data["district"])
    require_perm(request.user, "registry.manage_district_work", district)
    year = _year_of(request.user, district)
    if year is None:
        return _json_error(_("ยังไม่ได้เปิดปีงบประมาณของจังหวัด"), status=422)
    data = {
        f: form.cleaned_data.get(f)
        for f in ("kind", "title", "held_on", "place", "attendees_count", "resolutions")
    }
    return _run(
        lambda: _answer(
            *sync_stage1_note(district, year, data, client_id=form.cleaned_data["client_id"], by=request.user)
        )
    )


def _year_of(user, district):
    year, years = pick_year(user, None)
    if year is not None and year.province_id == district.province_id:
        return year
    return next((y for y in years if y.province_id == district.province_id), None)


# --- the installable app: service worker and manifest (no data in either: served to anyone) ------------------


def _shell_urls():
    return [static(p) for p in SHELL]


def shell_version():
    """Changes whenever a shell file changes (its hashed name does in production) or the worker's code does."""
    text = render_to_string("development/field/sw.js", {"version": "", "shell": "[]", "page": ""})
    return hashlib.sha256((text + "|".join(_shell_urls())).encode()).hexdigest()[:12]


@require_safe
def service_worker(request):
    page = reverse("development:field")
    body = render_to_string(
        "development/field/sw.js",
        {"version": shell_version(), "shell": json.dumps(_shell_urls()), "page": page},
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = page
    return response


@require_safe
def manifest(request):
    page = reverse("development:field")
    data = {
        "name": _("มชช. งานภาคสนาม"),
        "short_name": _("มชช. ภาคสนาม"),
        "description": _("หน่วยนับที่ดูแล การติดตามนิเทศ และรูปกิจกรรม ใช้ได้แม้ไม่มีสัญญาณ"),
        "lang": "th",
        "start_url": page,
        "scope": page,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f5f8b",
        "icons": [
            {"src": static("img/field-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/field-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/field-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response
