"""The base of every staff view: find objects through visible_to (404 outside), check actions with rules (403)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

# Who may enter /app/ is decided by the accounts app, which knows roles (apps/accounts/rules.py registers it).
ENTER_WORKSPACE = "core.enter_workspace"


def visible_or_404(model, user, **lookup):
    return get_object_or_404(model.objects.visible_to(user), **lookup)


def require_perm(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def staff_view(view):
    """Logged-in user with at least one role; anonymous → login, no role → 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(ENTER_WORKSPACE):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
