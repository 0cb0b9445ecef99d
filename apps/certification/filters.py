"""The filters of the certificate and honour lists (apps.core.query.filtered)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.geo.models import District
from apps.registry.enums import TargetType
from apps.registry.models import Unit

from .models import Certificate, Honour, HonourKind

NOT_AWARDED = "not_awarded"


def _district_choices(province_id):
    return list(District.objects.filter(province_id=province_id).values_list("code", "name_th"))


class CertificateFilter(django_filters.FilterSet):
    district = django_filters.ChoiceFilter(
        field_name="unit__district_id", label=_("อำเภอ"), empty_label=_("ทุกอำเภอ"), choices=[]
    )
    target_type = django_filters.ChoiceFilter(
        field_name="unit__target_type",
        label=_("ประเภท"),
        empty_label=_("ทุกประเภท"),
        choices=TargetType.choices,
    )
    status = django_filters.ChoiceFilter(
        label=_("สถานะ"),
        empty_label=_("ทุกสถานะ"),
        method="filter_status",
        choices=[
            (Certificate.Status.VALID, _("ใช้ได้")),
            (Certificate.Status.REVOKED, _("ถูกเพิกถอน")),
            (Certificate.Status.EXPIRED, _("หมดอายุ")),
            (NOT_AWARDED, _("ยังไม่ได้มอบ")),
        ],
    )
    q = django_filters.CharFilter(label=_("ค้นหา"), method="filter_q", max_length=100)

    class Meta:
        model = Certificate
        fields = []

    def __init__(self, *args, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].extra["choices"] = _district_choices(province_id)

    def filter_status(self, qs, name, value):
        if value == Certificate.Status.VALID:
            return qs.valid()
        if value == Certificate.Status.REVOKED:
            return qs.revoked()
        if value == Certificate.Status.EXPIRED:
            return qs.expired()
        if value == NOT_AWARDED:
            return qs.filter(awarded_on__isnull=True, revoked_at__isnull=True)
        return qs

    def filter_q(self, qs, name, value):
        return qs.filter(Q(unit__name__icontains=value) | Q(number__icontains=value))


def _visible_units(request):
    return Unit.objects.visible_to(request.user) if request is not None else Unit.objects.none()


class HonourFilter(django_filters.FilterSet):
    district = django_filters.ChoiceFilter(
        field_name="unit__district_id", label=_("อำเภอ"), empty_label=_("ทุกอำเภอ"), choices=[]
    )
    kind = django_filters.ModelChoiceFilter(
        queryset=HonourKind.objects.all(), to_field_name="code", label=_("ประเภท"), empty_label=_("ทุกประเภท")
    )
    q = django_filters.CharFilter(
        field_name="unit__name", lookup_expr="icontains", label=_("ค้นหาหน่วยนับ"), max_length=100
    )
    # ?unit=<pk> (the unit page's link): every honour of one unit the person may see, of every year
    unit = django_filters.ModelChoiceFilter(queryset=_visible_units, label=_("หน่วยนับ"), method="filter_unit")

    class Meta:
        model = Honour
        fields = []

    def __init__(self, *args, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].extra["choices"] = _district_choices(province_id)

    def filter_unit(self, qs, name, value):
        return qs  # applied by the view, which widens the list to every year of the unit
