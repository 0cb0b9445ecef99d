"""Villages (หมู่บ้าน) of a district: each district keeps its own list (DESIGN §7)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.core.access import require_perm, staff_view
from apps.geo.forms import VillageForm
from apps.geo.models import Village
from apps.geo.services import save_village

from .selectors import district_or_404, home_district, visible_districts


def _district(request, code):
    return district_or_404(request.user, code)


@staff_view
def villages_index(request):
    code = home_district(request.user)
    if code:
        return redirect("registry:villages", district=code)
    districts = visible_districts(request.user).annotate(n=Count("subdistricts__villages")).order_by("code")
    return render(request, "geo/villages_pick.html", {"districts": districts})


@staff_view
def villages(request, district):
    district = _district(request, district)
    can_edit = request.user.has_perm("geo.manage_villages", district)
    qs = (
        Village.objects.filter(subdistrict__district=district)
        .select_related("subdistrict")
        .annotate(n_units=Count("units"))
    )
    if request.GET.get("model") == "1":
        qs = qs.filter(is_model_village=True)
    form = VillageForm(request.POST or None, district=district) if can_edit else None
    if request.method == "POST":
        require_perm(request.user, "geo.manage_villages", district)
        if form.is_valid():
            try:
                v = save_village(district, form.cleaned_data, by=request.user)
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field, errs)
            else:
                messages.success(request, _("เพิ่ม%(v)s แล้ว") % {"v": v})
                return redirect("registry:villages", district=district.code)
    return render(
        request,
        "geo/villages.html",
        {"district": district, "villages": qs, "form": form, "can_edit": can_edit},
    )


@staff_view
def village_edit(request, pk):
    village = get_object_or_404(
        Village.objects.visible_to(request.user).select_related("subdistrict__district"), pk=pk
    )
    district = village.subdistrict.district
    require_perm(request.user, "geo.manage_villages", village)
    form = VillageForm(request.POST or None, instance=village, district=district)
    if request.method == "POST" and form.is_valid():
        try:
            save_village(
                district, form.cleaned_data, by=request.user, village=Village.objects.get(pk=village.pk)
            )
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field, errs)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("registry:villages", district=district.code)
    return render(request, "geo/village_form.html", {"district": district, "form": form, "village": village})
