from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Subdistrict, Village


class VillageForm(forms.ModelForm):
    class Meta:
        model = Village
        fields = ["subdistrict", "moo", "name", "is_model_village"]

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subdistrict"].queryset = Subdistrict.objects.filter(district=district)
        self.fields["moo"].min_value = 1
        self.fields["moo"].widget.attrs["min"] = 1
        self.fields["name"].help_text = _("ไม่ต้องพิมพ์คำว่า “บ้าน”")

    def validate_unique(self):
        pass  # the service reports a taken หมู่ที่ in Thai
