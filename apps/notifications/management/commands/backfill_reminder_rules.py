from django.core.management.base import BaseCommand

from apps.notifications.deadlines import ensure_default_rules
from apps.registry.models import ProgrammeYear


class Command(BaseCommand):
    help = "สร้างกฎการแจ้งเตือนเริ่มต้นให้ปีงบประมาณที่เปิดไว้ก่อนมีระบบแจ้งเตือน (รันซ้ำได้)"

    def handle(self, *args, **opts):
        total = 0
        for year in ProgrammeYear.objects.order_by("province_id", "fiscal_year"):
            total += ensure_default_rules(year, copy_from=year.copied_from)
        self.stdout.write(f"created {total} reminder rules")
