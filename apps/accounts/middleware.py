from django.conf import settings
from django.shortcuts import redirect

from .enums import Role


class RequireMFAMiddleware:
    """Provincial staff and admins must set up TOTP before working (when MFA_REQUIRED, i.e. DEBUG off)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.MFA_REQUIRED
            and user is not None
            and user.is_authenticated
            and (request.path.startswith("/app/") or request.path.startswith("/admin/"))
            and (user.scope.is_admin or Role.PROVINCE_STAFF in user.scope.roles)
        ):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                return redirect("mfa_activate_totp")
        return self.get_response(request)
