"""{% load notifications %}{% inbox_link %} — the header link to the inbox with the unread count (one query)."""

from django import template

register = template.Library()


@register.inclusion_tag("notifications/header_link.html", takes_context=True)
def inbox_link(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    from ..models import Notification

    return {"show": True, "unread": Notification.objects.filter(user=user, read_at__isnull=True).count()}
