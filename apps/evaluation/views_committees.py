"""Committees and their members."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.models import Person, User
from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.forms import form_errors
from apps.geo.models import District, Zone
from apps.registry.models import ProgrammeYear

from . import services
from .forms import CommitteeForm, MemberForm
from .models import Committee, CommitteeMember


def manageable_years(user):
    scope = user.scope
    years = ProgrammeYear.objects.visible_to(user)
    if scope.is_admin:
        return years
    return years.filter(province_id__in=scope.staff_province_ids | {d[:2] for d in scope.district_ids})


@staff_view
def committee_list(request):
    committees = (
        Committee.objects.visible_to(request.user)
        .select_related("year__province", "district", "zone")
        .annotate(n_members=Count("members", distinct=True), n_rounds=Count("rounds", distinct=True))
        .order_by("-year__fiscal_year", "level", "district_id", "zone__name")
    )
    return render(
        request,
        "evaluation/committee_list.html",
        {
            "committees": committees,
            "can_add": request.user.has_perm("evaluation.add_committee"),
        },
    )


@staff_view
def committee_new(request):
    require_perm(request.user, "evaluation.add_committee")
    scope = request.user.scope
    years = manageable_years(request.user)
    districts = District.objects.filter(province_id__in=years.values("province_id"))
    if not (scope.is_admin or scope.staff_province_ids):
        districts = districts.filter(code__in=scope.district_ids)
    zones = Zone.objects.filter(province_id__in=years.values("province_id"))
    form = CommitteeForm(request.POST or None, years=years, districts=districts, zones=zones)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        probe = Committee(year=d["year"], level=d["level"], district=d["district"], zone=d["zone"])
        if not request.user.has_perm("evaluation.manage_committee", probe):
            raise PermissionDenied
        try:
            committee = services.create_committee(
                d["year"], d["level"], name=d["name"], district=d["district"], zone=d["zone"], by=request.user
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("ตั้งคณะกรรมการแล้ว เพิ่มกรรมการได้เลย"))
            return redirect("evaluation:committee", pk=committee.pk)
    return render(request, "evaluation/form.html", {"form": form, "title": _("ตั้งคณะกรรมการประเมิน")})


@staff_view
def committee_detail(request, pk):
    committee = visible_or_404(Committee, request.user, pk=pk)
    can_manage = request.user.has_perm("evaluation.manage_committee", committee)
    users = User.objects.visible_to(request.user).filter(is_active=True)
    districts = District.objects.filter(province_id=committee.year.province_id)
    people = Person.objects.visible_to(request.user).filter(province_id=committee.year.province_id)
    form = MemberForm(request.POST or None, users=users, districts=districts, people=people)
    if request.method == "POST":
        require_perm(request.user, "evaluation.manage_committee", committee)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.add_member(
                    committee,
                    role=d["role"],
                    user=d["user"],
                    person=d["person"],
                    invite=form.invite(),
                    details=form.details(),
                    affiliation=d["affiliation"],
                    home_district=d["home_district"],
                    by=request.user,
                )
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("เพิ่มกรรมการแล้ว"))
                return redirect("evaluation:committee", pk=committee.pk)
    seats = committee.members.select_related("user", "person__home_district")
    rounds = committee.rounds.annotate(n=Count("entries"))
    return render(
        request,
        "evaluation/committee_detail.html",
        {
            "committee": committee,
            "seats": seats,
            "rounds": rounds,
            "form": form,
            "can_manage": can_manage,
        },
    )


@staff_view
@require_POST
def member_remove(request, pk, seat_id):
    committee = visible_or_404(Committee, request.user, pk=pk)
    require_perm(request.user, "evaluation.manage_committee", committee)
    seat = get_object_or_404(CommitteeMember, pk=seat_id, committee=committee)
    try:
        services.remove_member(seat, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if seat.pk and seat.removed_at:
            messages.success(request, _("นำกรรมการออกแล้ว ใบให้คะแนนที่ส่งไว้ยังเก็บไว้และทำเครื่องหมายว่าพ้นจากคณะ"))
        else:
            messages.success(request, _("นำกรรมการออกแล้ว"))
    return redirect("evaluation:committee", pk=committee.pk)
