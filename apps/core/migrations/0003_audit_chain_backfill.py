"""Existing audit events get their place in the hash chain, in id order (before the append-only trigger)."""

from django.db import migrations

BATCH = 2000


def chain_existing(apps, schema_editor):
    from apps.core import auditchain

    AuditEvent = apps.get_model("core", "AuditEvent")
    using = schema_editor.connection.alias
    prev, batch = auditchain.GENESIS, []
    for event in AuditEvent.objects.using(using).order_by("pk").iterator(chunk_size=BATCH):
        event.prev_hash = prev
        event.hash = prev = auditchain.event_hash(auditchain.values_of(event), prev)
        batch.append(event)
        if len(batch) >= BATCH:
            AuditEvent.objects.using(using).bulk_update(batch, ["prev_hash", "hash"])
            batch = []
    if batch:
        AuditEvent.objects.using(using).bulk_update(batch, ["prev_hash", "hash"])


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_chain_and_task_failures")]

    operations = [migrations.RunPython(chain_existing, migrations.RunPython.noop)]
