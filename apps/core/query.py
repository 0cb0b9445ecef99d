"""One way to read a page's query parameters: a django-filter FilterSet for a list, a plain form otherwise.
A value that does not fit (letters for a number, an unknown district, a pk outside the person's scope, 2,000
characters) is dropped: the page shows its default for that parameter and says so in Thai. Never an exception.
Ids taken from a query are choices of a queryset built from visible_to(user), so the scoping is the page's own."""

from django.contrib import messages
from django.utils.translation import gettext as _


def warn_invalid(request, form):
    """Say once per request, in Thai, which of the parameters the person sent were left out."""
    sent = [n for n in form.errors if n in form.fields and request.GET.get(n)]
    if sent and not getattr(request, "_query_warned", False):
        request._query_warned = True
        names = ", ".join(str(form.fields[n].label or n) for n in sent)
        messages.warning(
            request, _("ค่าตัวกรองบางค่าไม่ถูกต้อง (%(names)s) จึงแสดงผลโดยไม่ใช้ค่านั้น") % {"names": names}
        )


def filtered(filterset_class, request, queryset, **kwargs):
    """The bound FilterSet of a list page: `.qs` applies the valid filters only; `.form` renders them."""
    fs = filterset_class(request.GET or None, queryset=queryset, request=request, **kwargs)
    if fs.is_bound:
        fs.form.is_valid()
        warn_invalid(request, fs.form)
    return fs


def chosen(filterset, name, default=""):
    """The valid value of one filter of a bound FilterSet (filtered()), else `default`: what the page echoes."""
    if not filterset.is_bound:
        return default
    value = filterset.form.cleaned_data.get(name)
    return default if value in (None, "") else value


def read_query(form_class, request, **kwargs):
    """The cleaned values of a plain query form, every field present: a missing or invalid value is the field's
    initial value (None when it has none). Every field of a query form is optional."""
    form = form_class(request.GET, **kwargs)
    for field in form.fields.values():
        field.required = False
    form.is_valid()
    warn_invalid(request, form)
    out = {}
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        out[name] = field.initial if value in (None, "") else value
    return out
