"""The staff URLs live in urls_staff.py (namespace `public_staff`). Until mchch/urls.py includes it at
the root they are nested under `public:`; reverse through here so both placements work."""

from functools import cache

from django.urls import NoReverseMatch, get_resolver, reverse


@cache
def _namespace():
    return "public_staff" if "public_staff" in get_resolver().namespace_dict else "public:public_staff"


def staff_url_name(name):
    return f"{_namespace()}:{name}"


def staff_url(name, *args):
    return reverse(staff_url_name(name), args=args)


__all__ = ["staff_url", "staff_url_name", "NoReverseMatch"]
