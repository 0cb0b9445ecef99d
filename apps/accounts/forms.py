from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import ROLE_SCOPE, Role
from .models import Person


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("อีเมล"))
    title = forms.CharField(label=_("คำนำหน้า"), max_length=30, required=False)
    first_name = forms.CharField(label=_("ชื่อ"), max_length=100)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=100)
    position = forms.CharField(label=_("ตำแหน่ง"), max_length=150, required=False)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("บทบาท"))
    province = forms.ModelChoiceField(queryset=None, required=False, label=_("จังหวัด"))
    district = forms.ModelChoiceField(queryset=None, required=False, label=_("อำเภอ"))
    zone = forms.ModelChoiceField(queryset=None, required=False, label=_("โซน"))
    fiscal_year = forms.IntegerField(
        required=False,
        min_value=2500,
        max_value=2700,
        label=_("ปีงบประมาณ (พ.ศ.)"),
        help_text=_("เว้นว่างไว้ถ้าไม่จำกัดปี"),
    )

    def __init__(self, *args, provinces, districts, zones, is_admin, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [
            (r.value, r.label)
            for r in Role
            if is_admin or r not in (Role.ADMIN, Role.NATIONAL_VIEWER, Role.NATIONAL_STAFF)
        ]
        self.fields["role"].choices = roles
        self.fields["province"].queryset = provinces
        self.fields["district"].queryset = districts
        self.fields["zone"].queryset = zones

    def clean(self):
        data = super().clean()
        need = ROLE_SCOPE.get(Role(data["role"])) if data.get("role") else None
        for f in ("province", "district", "zone"):
            if f != need and not (data.get("role") == Role.NATIONAL_VIEWER and f == "province"):
                data[f] = None
        return data


class PeopleQuery(forms.Form):
    q = forms.CharField(label=_("ค้นหา"), max_length=100, initial="")


class PersonForm(forms.ModelForm):
    """A person record's details. `home_district` is offered only to those who may move it (province staff):
    it decides the conflicts of interest computed from data."""

    class Meta:
        model = Person
        fields = [
            "title",
            "first_name",
            "last_name",
            "position",
            "organisation",
            "email",
            "phone",
            "line_id",
            "home_district",
        ]

    def __init__(self, *args, districts, may_move_home, **kwargs):
        super().__init__(*args, **kwargs)
        if may_move_home:
            self.fields["home_district"].queryset = districts
        else:
            del self.fields["home_district"]
