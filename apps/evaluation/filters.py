"""The filters of the people list (apps.evaluation.views_people): one reading of its query parameters."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Person

ACCOUNT = [("yes", _("มีบัญชีผู้ใช้")), ("no", _("ไม่มีบัญชีผู้ใช้"))]


class PersonFilter(django_filters.FilterSet):
    """Name (title, first or last name, position or organisation), province among those one sees, account."""

    q = django_filters.CharFilter(label=_("ค้นหาชื่อ"), max_length=100, method="search")
    province = django_filters.ChoiceFilter(
        label=_("จังหวัด"), field_name="province_id", choices=[], empty_label=_("ทุกจังหวัด")
    )
    account = django_filters.ChoiceFilter(
        label=_("บัญชีผู้ใช้"), choices=ACCOUNT, method="with_account", empty_label=_("ทั้งหมด")
    )

    class Meta:
        model = Person
        fields = []

    def __init__(self, data=None, queryset=None, *, provinces, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["province"].extra["choices"] = [(p.code, p.name_th) for p in provinces]

    def search(self, qs, name, value):
        q = Q()
        for word in value.split()[:5]:
            q &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(position__icontains=word)
                | Q(organisation__icontains=word)
            )
        return qs.filter(q)

    def with_account(self, qs, name, value):
        return qs.filter(user__isnull=value != "yes")
