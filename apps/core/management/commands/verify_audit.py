"""Walk the audit trail's hash chain in id order and name the first broken link (exit status 1), or say it holds."""

import time

from django.core.management.base import BaseCommand, CommandError

from apps.core import auditchain
from apps.core.models import AuditEvent


class Command(BaseCommand):
    help = "ตรวจสอบห่วงโซ่แฮชของบันทึกการเปลี่ยนแปลง (audit trail) ว่าไม่มีรายการใดถูกแก้ไขหรือลบ"

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")
        parser.add_argument("--chunk-size", type=int, default=5000)

    def handle(self, *args, **opts):
        t0 = time.monotonic()
        v = auditchain.verify(AuditEvent, using=opts["database"], chunk_size=opts["chunk_size"])
        seconds = time.monotonic() - t0
        if not v.ok:
            what = (
                "the event was changed after it was written"
                if v.problem == "hash"
                else "an event before it was removed, changed or moved"
            )
            raise CommandError(
                f"audit chain broken at id {v.broken_id} ({v.count} events before it verified, last good id "
                f"{v.last_id}): {v.problem} expected {v.expected or '(empty)'} found {v.found or '(empty)'}; {what}"
            )
        self.stdout.write(f"ok, {v.count} events")
        if v.count and opts["verbosity"] > 0:
            # Written down elsewhere (the operations log), the last hash also shows that no event was cut off the end.
            self.stdout.write(f"last id {v.last_id}, last hash {v.last_hash} ({seconds:.1f} s)")
