from django.core.management.base import BaseCommand

from apps.geo.loader import load_geography
from apps.geo.models import District, Province, Subdistrict


class Command(BaseCommand):
    help = "โหลดจังหวัด อำเภอ ตำบล ทั้งประเทศจาก geothai (ทำซ้ำได้)"

    def handle(self, *args, **opts):
        _, p, d, s = load_geography(Province, District, Subdistrict)
        self.stdout.write(f"provinces={p} districts={d} subdistricts={s}")
