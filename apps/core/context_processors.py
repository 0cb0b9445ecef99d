from django.conf import settings

from .nav import sections_for


def shell(request):
    user = getattr(request, "user", None)
    ctx = {"PROGRAMME_NAME": settings.PROGRAMME_NAME, "nav_sections": []}
    if user is not None and user.is_authenticated and request.path.startswith("/app/"):
        ctx["nav_sections"] = sections_for(user)
    return ctx
