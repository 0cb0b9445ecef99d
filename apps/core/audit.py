"""The one audit call. Written inside the caller's transaction, so a rolled-back change leaves no row."""

import json
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder

from .models import AuditEvent

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)


def _clean(data):
    if data is None:
        return None
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))


def snapshot(obj, fields):
    """The values of `fields` of `obj`, for before/after."""
    return {
        f: getattr(obj, f"{f}_id", getattr(obj, f, None)) if _is_fk(obj, f) else getattr(obj, f)
        for f in fields
    }


def _is_fk(obj, name):
    try:
        return obj._meta.get_field(name).is_relation
    except Exception:
        return False


def audit(actor, action, obj=None, *, before=None, after=None, reason=""):
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        before=_clean(before),
        after=_clean(after),
        reason=reason or "",
        ip=current_ip.get(),
    )


def audit_export(actor, name, obj=None, **details):
    """Every export leaves a trace (issue 19 item 5): who took which file out, about what."""
    return audit(actor, "export.downloaded", obj, after={"export": name, **details})
