"""The inbox panel on /app/."""

from .models import Notification


def inbox_panel_context(request):
    qs = Notification.objects.visible_to(request.user).unread()
    return {"unread_count": qs.count(), "latest": list(qs[:3])}
