from django.conf import settings
from django.utils.translation import gettext, gettext_noop

from .nav import sections_for

# The default PROGRAMME_NAME is a msgid, so English pages get the English name; a custom name passes through.
gettext_noop("ระบบมาตรฐานการพัฒนาชุมชน (มชช.)")


def shell(request):
    user = getattr(request, "user", None)
    name = settings.PROGRAMME_NAME
    ctx = {"PROGRAMME_NAME": gettext(name) if name else "", "nav_sections": []}
    if user is not None and user.is_authenticated and request.path.startswith("/app/"):
        ctx["nav_sections"] = sections_for(user)
    return ctx
