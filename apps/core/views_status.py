"""The system admin's status page: backup, worker, queue, failed tasks, deliveries, free space (apps.core.status)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from . import status


@never_cache
def status_page(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("core.view_status"):
        raise PermissionDenied
    items = status.collect()
    worst = next((s for s in (status.BAD, status.WARN) if any(i.state == s for i in items)), status.OK)
    return render(request, "core/status.html", {"items": items, "worst": worst, "checked_at": timezone.now()})
