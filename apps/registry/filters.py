"""The filters of the unit list: one reading of the list's query parameters (a django-filter FilterSet) for
the page and for the xlsx export the worker builds later with the same parameters (apps.registry.builders)."""

from functools import cached_property

import django_filters
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from .enums import Stage, TargetType
from .models import Enrolment, Photo, Unit
from .selectors import default_year, home_district, visible_districts, years_for

YES_NO = [("yes", _("สมัครปีนี้")), ("no", _("ยังไม่สมัครปีนี้"))]
CARRIED = [("0", _("ใหม่")), ("1", _("ต่อเนื่องจากปีก่อน"))]


class UnitFilter(django_filters.FilterSet):
    """Filters of the unit list. `year`, `stage`, `enrolled` and `carried` are about the enrolments of the chosen
    year (the current one by default); the rest about the unit. A value outside the choices (a district the
    person may not see, a year of another province) is invalid and left out."""

    year = django_filters.ModelChoiceFilter(label=_("ปี"), queryset=None, method="keep")
    district = django_filters.ChoiceFilter(label=_("อำเภอ"), field_name="district_id", choices=[])
    type = django_filters.ChoiceFilter(
        label=_("ประเภท"), field_name="target_type", choices=TargetType.choices
    )
    sub_type = django_filters.CharFilter(label=_("ประเภทย่อย"), field_name="sub_type", max_length=100)
    subdistrict = django_filters.CharFilter(label=_("ตำบล"), field_name="subdistrict_id", max_length=6)
    stage = django_filters.ChoiceFilter(label=_("ขั้นตอน"), choices=Stage.choices, method="keep")
    enrolled = django_filters.ChoiceFilter(label=_("การสมัคร"), choices=YES_NO, method="keep")
    carried = django_filters.ChoiceFilter(label=_("ใหม่/ต่อเนื่อง"), choices=CARRIED, method="keep")
    q = django_filters.CharFilter(label=_("ค้นหา"), max_length=100, method="search")

    class Meta:
        model = Unit
        fields = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        self.user = user
        self.districts = visible_districts(user).order_by("code")
        self.years = years_for(user)
        if queryset is None:
            queryset = Unit.objects.visible_to(user).select_related("district", "subdistrict", "village")
        super().__init__(data, queryset, **kwargs)
        self.filters["year"].queryset = self.years
        self.filters["district"].extra["choices"] = [(d.code, d.name_th) for d in self.districts]

    def keep(self, qs, name, value):
        return qs  # applied in filter_queryset, with the year

    def search(self, qs, name, value):
        value = value.strip()
        return qs.filter(
            Q(name__icontains=value)
            | Q(coordinator__icontains=value)
            | Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(village__name__icontains=value)
        )

    @cached_property
    def values(self):
        """The valid values, every field present ("" when missing or invalid): the form echoes only these."""
        if not self.is_bound:
            return dict.fromkeys(self.filters, "")
        self.form.is_valid()
        return {name: self.form.cleaned_data.get(name) or "" for name in self.filters}

    @cached_property
    def chosen_district(self):
        return self.values["district"] or home_district(self.user) or ""

    @cached_property
    def chosen_year(self):
        year = self.values["year"]
        if not year:
            district = self.chosen_district
            year = default_year(self.user, district[:2] if district else None)
        return year

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        v = self.values
        if not v["district"] and self.chosen_district:  # an officer's own district by default
            qs = qs.filter(district_id=self.chosen_district)
        year = self.chosen_year
        if year is not None:
            if v["stage"]:
                qs = qs.filter(enrolments__year=year, enrolments__stage=int(v["stage"]))
            if v["carried"]:
                qs = qs.filter(enrolments__year=year, enrolments__carried_over=v["carried"] == "1")
            if v["enrolled"] == "yes":
                qs = qs.filter(enrolments__year=year)
            elif v["enrolled"] == "no":
                qs = qs.exclude(enrolments__year=year)
            in_year = Enrolment.objects.filter(year=year).select_related("mentor")
            qs = qs.prefetch_related(Prefetch("enrolments", queryset=in_year, to_attr="year_enrolments"))
        return qs.distinct()


def unit_filters(user, data):
    """The units `user` sees under the list's filters `data` (a QueryDict or a dict): the list page and, at build
    time with the owner's permissions, the xlsx export."""
    f = UnitFilter(data or {}, user=user)
    return {
        "qs": f.qs,
        "year": f.chosen_year,
        "years": f.years,
        "district": f.chosen_district,
        "districts": f.districts,
        "g": f.values,
        "filter": f,
    }


class PhotoFilter(django_filters.FilterSet):
    """The photos of a district's year by stage and by unit (a unit of the same district)."""

    stage = django_filters.ChoiceFilter(label=_("ขั้นตอน"), choices=Stage.choices)
    unit = django_filters.ModelChoiceFilter(label=_("หน่วยนับ"), queryset=Unit.objects.none())

    class Meta:
        model = Photo
        fields = []

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.filter(district=district)
