"""Staff area: the district drafts a certified unit's public profile, the province publishes it, chooses its
photos and may hide it (DESIGN §7, guideline 2.11)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.forms import posted_text
from apps.core.query import read_query
from apps.registry.models import Photo, Unit

from . import services
from .enums import ProfileStatus
from .forms import HideForm, PhotoChoiceForm, ProfileStatusQuery, ProfileTextForm
from .links import staff_url
from .models import PublicProfile
from .selectors import certified_units, unit_slug, valid_certificates


def _unit_or_404(user, unit_id):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        certified_units()
        .filter(pk__in=Unit.objects.visible_to(user).values("pk"))
        .select_related("district"),
        pk=unit_id,
    )


def _messages_from(exc):
    return exc.messages if hasattr(exc, "messages") else [str(exc)]


@staff_view
def profile_list(request):
    units = (
        certified_units()
        .filter(pk__in=Unit.objects.visible_to(request.user).values("pk"))
        .select_related("district", "public_profile")
        .order_by("district_id", "target_type", "name")
    )
    status = read_query(ProfileStatusQuery, request)["status"]
    if status == "none":
        units = units.filter(public_profile__isnull=True)
    elif status == "hidden":
        units = units.filter(public_profile__is_hidden=True)
    elif status in ProfileStatus.values:
        units = units.filter(public_profile__status=status)
    rows = []
    for u in units:
        p = u.public_profile if hasattr(u, "public_profile") else None
        rows.append(
            {
                "unit": u,
                "profile": p,
                "edit_url": staff_url("edit", u.pk),
                "public_url": f"/units/{u.pk}-{unit_slug(u.name)}/",
            }
        )
    return render(
        request,
        "public/staff/list.html",
        {
            "rows": rows,
            "status": status,
            "statuses": ProfileStatus.choices,
        },
    )


@staff_view
def profile_edit(request, unit_id):
    unit = _unit_or_404(request.user, unit_id)
    require_perm(request.user, "public.edit_profile", unit)
    profile = services.profile_for(unit)
    form = ProfileTextForm(
        request.POST or None,
        initial={
            "summary": profile.summary,
            "results": profile.results,
            "practices": profile.practices,
            "version": profile.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_draft(profile, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for m in _messages_from(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("บันทึกฉบับร่างแล้ว"))
            return redirect(staff_url("edit", unit.pk))
    u = request.user
    return render(
        request,
        "public/staff/edit.html",
        {
            "unit": unit,
            "profile": profile,
            "form": form,
            "can_publish": u.has_perm("public.publish_profile", profile),
            "can_hide": u.has_perm("public.hide_profile", profile),
            "can_photos": u.has_perm("public.choose_photos", profile),
            "hide_form": HideForm(),
            "public_url": f"/units/{unit.pk}-{unit_slug(unit.name)}/",
            "urls": {
                k: staff_url(k, unit.pk) for k in ("submit", "publish", "hide", "unhide", "photos", "edit")
            },
            "list_url": staff_url("index"),
            "cert_count": valid_certificates().filter(unit=unit).count(),
        },
    )


def _transition(request, unit_id, perm, do, ok):
    unit = _unit_or_404(request.user, unit_id)
    profile = services.profile_for(unit)
    require_perm(request.user, perm, profile)
    try:
        do(profile)
    except ValidationError as exc:
        for m in _messages_from(exc):
            messages.error(request, m)
    else:
        messages.success(request, ok)
    return redirect(staff_url("edit", unit.pk))


@staff_view
@require_POST
def profile_submit(request, unit_id):
    return _transition(
        request,
        unit_id,
        "public.edit_profile",
        lambda p: services.submit_profile(p, by=request.user),
        _("ส่งโปรไฟล์ให้จังหวัดเผยแพร่แล้ว"),
    )


@staff_view
@require_POST
def profile_publish(request, unit_id):
    return _transition(
        request,
        unit_id,
        "public.publish_profile",
        lambda p: services.publish_profile(p, by=request.user),
        _("เผยแพร่โปรไฟล์แล้ว"),
    )


@staff_view
@require_POST
def profile_hide(request, unit_id):
    return _transition(
        request,
        unit_id,
        "public.hide_profile",
        lambda p: services.hide_profile(p, by=request.user, reason=posted_text(request.POST, "reason")),
        _("ซ่อนโปรไฟล์จากสาธารณะแล้ว"),
    )


@staff_view
@require_POST
def profile_unhide(request, unit_id):
    return _transition(
        request,
        unit_id,
        "public.hide_profile",
        lambda p: services.unhide_profile(p, by=request.user),
        _("แสดงโปรไฟล์ต่อสาธารณะอีกครั้งแล้ว"),
    )


@staff_view
def profile_photos(request, unit_id):
    unit = _unit_or_404(request.user, unit_id)
    profile = services.profile_for(unit)
    require_perm(request.user, "public.choose_photos", profile)
    public_qs = Photo.objects.filter(unit=unit, is_public=True)
    form = PhotoChoiceForm(
        request.POST or None,
        photos_qs=public_qs,
        initial={
            "photos": list(profile.photos.values_list("pk", flat=True)),
            "cover": profile.cover_photo_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.choose_photos(
                profile, by=request.user, photos=form.cleaned_data["photos"], cover=form.cleaned_data["cover"]
            )
        except ValidationError as exc:
            for m in _messages_from(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("บันทึกภาพที่เผยแพร่แล้ว"))
            return redirect(staff_url("edit", unit.pk))
    chosen = PublicProfile.photos.through.objects.filter(publicprofile=profile, photo_id=OuterRef("pk"))
    all_photos = (
        Photo.objects.filter(unit=unit).annotate(chosen=Exists(chosen)).order_by("-is_public", "-taken_on")
    )
    return render(
        request,
        "public/staff/photos.html",
        {
            "unit": unit,
            "profile": profile,
            "form": form,
            "all_photos": all_photos,
            "edit_url": staff_url("edit", unit.pk),
        },
    )


@staff_view
def privacy_contact(request, province):
    """The province's controller and DPO, printed on /privacy/."""
    from django.http import Http404

    from apps.geo.models import Province

    from .forms import PrivacyContactForm
    from .models import PrivacyContact

    u = request.user
    if not (u.scope.all_provinces or province in u.scope.readable_province_ids):
        raise Http404
    prov = Province.objects.filter(pk=province).first()
    if prov is None:
        raise Http404
    contact = PrivacyContact.objects.filter(province=prov).first() or PrivacyContact(
        province=prov, controller=_("สำนักงานพัฒนาชุมชนจังหวัด%(name)s") % {"name": prov.name_th}
    )
    require_perm(u, "public.edit_privacy_contact", contact)
    form = PrivacyContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_privacy_contact(contact, form.cleaned_data, by=u)
        except ValidationError as exc:
            from apps.core.forms import form_errors

            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกข้อมูลผู้ควบคุมข้อมูลแล้ว หน้าประกาศความเป็นส่วนตัวแสดงข้อมูลใหม่แล้ว"))
            return redirect("public_staff:privacy_contact", province=prov.pk)
    return render(request, "public/staff/privacy_contact.html", {"form": form, "province": prov})
