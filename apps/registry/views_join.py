"""The centre lets a province join (issue 20 item 4): first programme year and first provincial staff account."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.core.access import require_perm, staff_view
from apps.core.forms import form_errors
from apps.geo.models import Province

from .forms import JoinProvinceForm
from .services_join import join_province


@staff_view
def province_join(request):
    require_perm(request.user, "registry.join_province")
    joined = (
        Province.objects.filter(programme_years__isnull=False)
        .annotate(n_years=Count("programme_years"), last_year=Max("programme_years__fiscal_year"))
        .order_by("name_th")
    )
    form = JoinProvinceForm(
        request.POST or None,
        provinces=Province.objects.filter(programme_years__isnull=True).order_by("name_th"),
        initial={"fiscal_year": 2570},
    )
    if request.method == "POST" and form.is_valid():
        try:
            year, user, invited = join_province(
                form.cleaned_data["province"],
                form.cleaned_data["fiscal_year"],
                levels=form.levels(),
                staff=form.staff(),
                by=request.user,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            msg = (
                _("เปิดปีงบประมาณ %(fy)s ของจังหวัด%(p)s แล้ว และส่งคำเชิญไปที่ %(e)s")
                if invited
                else _("เปิดปีงบประมาณ %(fy)s ของจังหวัด%(p)s แล้ว และเพิ่มบทบาทเจ้าหน้าที่จังหวัดให้ %(e)s")
            )
            messages.success(
                request, msg % {"fy": year.fiscal_year, "p": year.province.name_th, "e": user.email}
            )
            return redirect("registry:province_join")
    return render(request, "registry/province_join.html", {"form": form, "joined": joined})
