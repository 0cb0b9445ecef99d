"""Query parameters of the development lists (apps.core.query): a bad value is left out, never an error."""

import datetime as dt

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


class CalendarQuery(forms.Form):
    """The month of the calendar, typed as YYYY-MM in the Buddhist era (2570-03) or the common era (2027-03)."""

    month = forms.CharField(label=_("เดือน"), max_length=7)

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            return None
        try:
            y, m = (int(x) for x in value.split("-"))
            return dt.date(y - 543 if y > 2400 else y, m, 1)
        except (ValueError, TypeError, OverflowError):
            raise forms.ValidationError(_("เดือนต้องอยู่ในรูปแบบ ปปปป-ดด")) from None
