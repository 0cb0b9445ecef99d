"""Query parameters of the development lists (apps.core.query): a bad value is left out, never an error."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.registry.enums import Stage


class EnrolmentFilter(django_filters.FilterSet):
    district = django_filters.ChoiceFilter(label=_("อำเภอ"), field_name="unit__district_id", choices=[])
    stage = django_filters.ChoiceFilter(label=_("ขั้นตอน"), choices=Stage.choices)

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].extra["choices"] = [(d.code, d.name_th) for d in districts]


class SupervisionQuery(forms.Form):
    weeks = forms.IntegerField(label=_("ไม่ได้ติดตามเกิน (สัปดาห์)"), min_value=1, max_value=52, initial=4)
    district = forms.ChoiceField(label=_("อำเภอ"), choices=[], initial="")

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(d.code, d.name_th) for d in districts]
