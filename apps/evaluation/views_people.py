"""The people the office works with (issue 18): committee members with or without an account, listed per
province with the committees they sit on, a page per person and its edit page. Reading: organisers of the
province (Person.visible_to and accounts.view_person_records); editing: province staff, or the district officer
of the person's home district — who may not move the home district, since it decides the conflicts of interest
computed from data (accounts.move_person_home). Every edit is audited (accounts.services.update_person)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.accounts import services as account_services
from apps.accounts.forms import PersonForm
from apps.accounts.models import Person
from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.forms import form_errors
from apps.core.query import filtered
from apps.geo.models import District, Province

from .enums import ScorecardStatus
from .filters import PersonFilter
from .models import CommitteeMember

VIEW = "accounts.view_person_records"
EDIT = "accounts.edit_person_record"


@staff_view
def people(request):
    require_perm(request.user, VIEW)
    visible = Person.objects.visible_to(request.user)
    provinces = Province.objects.filter(code__in=visible.values("province_id")).order_by("name_th")
    seats = (
        CommitteeMember.objects.active()
        .select_related("committee__year")
        .order_by("-committee__year__fiscal_year", "committee__level", "committee__name")
    )
    qs = visible.select_related("province", "home_district").prefetch_related(
        Prefetch("seats", queryset=seats, to_attr="current_seats")
    )
    fs = filtered(PersonFilter, request, qs, provinces=provinces)
    page = Paginator(fs.qs.order_by("first_name", "last_name", "pk"), 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "evaluation/people.html",
        {
            "page": page,
            "filter": fs,
            "params": params.urlencode(),
            "many_provinces": len(provinces) > 1,
        },
    )


@staff_view
def person_detail(request, pk):
    person = visible_or_404(Person, request.user, pk=pk)
    require_perm(request.user, VIEW, person)
    seats = (
        person.seats.select_related("committee__year", "committee__district", "committee__zone")
        .annotate(
            n_scored=Count("scorecards", filter=Q(scorecards__status=ScorecardStatus.SUBMITTED)),
        )
        .order_by("-committee__year__fiscal_year", "committee__level", "committee__name")
    )
    return render(
        request,
        "evaluation/person_detail.html",
        {"person": person, "seats": seats, "can_edit": request.user.has_perm(EDIT, person)},
    )


@staff_view
def person_edit(request, pk):
    person = visible_or_404(Person, request.user, pk=pk)
    require_perm(request.user, EDIT, person)
    may_move = request.user.has_perm("accounts.move_person_home", person)
    form = PersonForm(
        request.POST or None,
        instance=person,
        districts=District.objects.filter(province_id=person.province_id).order_by("code"),
        may_move_home=may_move,
    )
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "home_district"}
        if may_move:
            d = form.cleaned_data["home_district"]
            values["home_district_id"] = d.pk if d else None
        try:
            _p, changed = account_services.update_person(person, by=request.user, **values)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกข้อมูลบุคคลแล้ว") if changed else _("ไม่มีข้อมูลที่เปลี่ยน"))
            return redirect("evaluation:person", pk=person.pk)
    return render(
        request,
        "evaluation/person_form.html",
        {"form": form, "person": person, "may_move": may_move},
    )
