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

    def clean_moo(self):
        moo = self.cleaned_data["moo"]
        if moo < 1:
            raise forms.ValidationError(_("หมู่ที่ต้องเป็น 1 ขึ้นไป"))
        return moo

    def clean(self):
        data = super().clean()
        sub, moo = data.get("subdistrict"), data.get("moo")
        if (
            sub
            and moo
            and Village.objects.filter(subdistrict=sub, moo=moo).exclude(pk=self.instance.pk).exists()
        ):
            self.add_error("moo", _("ตำบล%(s)s มีหมู่ที่ %(m)s แล้ว") % {"s": sub.name_th, "m": moo})
        return data

    def _post_clean(self):
        # Without the duplicate check of the model constraint: clean() said it in Thai already.
        if "moo" in self.errors:
            return
        super()._post_clean()
