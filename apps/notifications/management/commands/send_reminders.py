import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from apps.notifications import services


class Command(BaseCommand):
    help = "ส่งการแจ้งเตือนกำหนดส่งและสรุปข่าวสารประจำวัน (สำหรับ cron หรือโหมดที่ไม่มี Celery beat)"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="วันที่ที่ถือเป็น 'วันนี้' (YYYY-MM-DD, ค.ศ.) ค่าเริ่มต้นคือวันนี้")

    def handle(self, *args, **opts):
        today = None
        if opts["date"]:
            try:
                today = dt.date.fromisoformat(opts["date"])
            except ValueError:
                raise CommandError("--date ต้องเป็นรูปแบบ YYYY-MM-DD เช่น 2026-11-13") from None
        result = services.run_daily(today)
        self.stdout.write(
            f"offered {result['offered']}, digests {result['digests']}, dispatched {result['dispatched']}"
        )
