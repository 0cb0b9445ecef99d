import pytest
from django.db import transaction

from apps.core.audit import audit
from apps.core.models import AuditEvent
from apps.geo.models import Province


@pytest.mark.django_db
def test_audit_rows_are_append_only(staff):
    p = Province.objects.get(code="65")
    ev = audit(staff, "test.changed", p, before={"a": 1}, after={"a": 2}, reason="ทดสอบ")
    assert AuditEvent.objects.for_object(p).get() == ev
    ev.action = "tampered"
    with pytest.raises(PermissionError):
        ev.save()
    with pytest.raises(PermissionError):
        ev.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="x")


@pytest.mark.django_db(transaction=True)
def test_audit_row_rolls_back_with_the_change(staff):
    p = Province.objects.get(code="65")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            audit(staff, "test.changed", p)
            raise RuntimeError("the change failed")
    assert not AuditEvent.objects.filter(action="test.changed").exists()
