"""Provincial staff manage the people of their province: invite, roles, deactivate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.query import read_query
from apps.geo.models import District, Province, Zone

from . import services
from .forms import InviteForm, PeopleQuery, RoleForm
from .models import RoleAssignment, User


def _areas(user):
    scope = user.scope
    provinces = (
        Province.objects.all()
        if scope.is_admin
        else Province.objects.filter(code__in=scope.staff_province_ids)
    )
    return (
        provinces,
        District.objects.filter(province__in=provinces),
        Zone.objects.filter(province__in=provinces),
    )


def _manages(request, person):
    """Staff manage a person who has a role in their province, or has no role yet (just invited)."""
    scope = request.user.scope
    if scope.is_admin:
        return True
    provinces = {a.scope_province_id for a in person.role_assignments.select_related("zone")}
    return bool(scope.staff_province_ids) and (not provinces or provinces <= scope.staff_province_ids)


@staff_view
def people(request):
    require_perm(request.user, "accounts.manage_people")
    q = read_query(PeopleQuery, request)["q"]
    users = User.objects.visible_to(request.user).prefetch_related(
        Prefetch(
            "role_assignments", queryset=RoleAssignment.objects.select_related("province", "district", "zone")
        )
    )
    if q:
        users = (
            users.filter(email__icontains=q)
            | users.filter(first_name__icontains=q)
            | users.filter(last_name__icontains=q)
        )
    return render(request, "accounts/people.html", {"people": users.order_by("first_name")[:500], "q": q})


@staff_view
def invite(request):
    require_perm(request.user, "accounts.manage_people")
    provinces, districts, zones = _areas(request.user)
    form = InviteForm(request.POST or None, prefix="u")
    role_form = RoleForm(
        request.POST or None,
        prefix="r",
        provinces=provinces,
        districts=districts,
        zones=zones,
        is_admin=request.user.scope.is_admin,
    )
    if request.method == "POST" and form.is_valid() and role_form.is_valid():
        try:
            with transaction.atomic():
                user = services.invite_user(**form.cleaned_data, by=request.user)
                services.assign_role(user, **role_form.cleaned_data, by=request.user)
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, _("ส่งคำเชิญไปที่ %(e)s แล้ว") % {"e": user.email})
            return redirect("accounts:person", pk=user.pk)
    return render(request, "accounts/invite.html", {"form": form, "role_form": role_form})


@staff_view
def person(request, pk):
    require_perm(request.user, "accounts.manage_people")
    person = visible_or_404(User, request.user, pk=pk)
    can_manage = _manages(request, person)
    provinces, districts, zones = _areas(request.user)
    form = RoleForm(
        request.POST or None,
        provinces=provinces,
        districts=districts,
        zones=zones,
        is_admin=request.user.scope.is_admin,
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.assign_role(person, **form.cleaned_data, by=request.user)
            except ValidationError as exc:
                for m in exc.messages:
                    form.add_error(None, m)
            else:
                messages.success(request, _("เพิ่มบทบาทแล้ว"))
                return redirect("accounts:person", pk=person.pk)
    roles = person.role_assignments.select_related("province", "district", "zone")
    return render(
        request,
        "accounts/person.html",
        {"person": person, "roles": roles, "form": form, "can_manage": can_manage},
    )


@staff_view
@require_POST
def role_remove(request, pk, role_id):
    require_perm(request.user, "accounts.manage_people")
    person = visible_or_404(User, request.user, pk=pk)
    ra = get_object_or_404(RoleAssignment.objects.select_related("zone"), pk=role_id, user=person)
    if not request.user.has_perm("accounts.manage_person", ra):
        raise PermissionDenied
    services.remove_role(ra, by=request.user)
    messages.success(request, _("ลบบทบาทแล้ว"))
    return redirect("accounts:person", pk=person.pk)


@staff_view
@require_POST
def person_active(request, pk):
    require_perm(request.user, "accounts.manage_people")
    person = visible_or_404(User, request.user, pk=pk)
    if not _manages(request, person):
        raise PermissionDenied
    try:
        services.set_active(person, request.POST.get("active") == "1", by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("เปิดใช้บัญชีแล้ว") if person.is_active else _("ปิดบัญชีแล้ว"))
    return redirect("accounts:person", pk=person.pk)


@staff_view
@require_POST
def person_reinvite(request, pk):
    require_perm(request.user, "accounts.manage_people")
    person = visible_or_404(User, request.user, pk=pk)
    if not _manages(request, person):
        raise PermissionDenied
    try:
        services.reinvite_user(person, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("ส่งคำเชิญใหม่ไปที่ %(e)s แล้ว") % {"e": person.email})
    return redirect("accounts:person", pk=person.pk)


@require_safe
def invitation(request, uidb36, key):
    """The link of an invitation e-mail. Valid: on to allauth's set-password form. Used or expired: a Thai page
    that says so and who can send a new one (410), instead of allauth's generic "bad token"."""
    user = services.invited_user(uidb36, key)
    if user is not None:
        return redirect(reverse("account_reset_password_from_key", kwargs={"uidb36": uidb36, "key": key}))
    return render(
        request,
        "accounts/invitation_expired.html",
        {"days": services.invitation_days()},
        status=410,
    )
