from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from apps.registry.models import Photo
from apps.registry.services_stage1 import ensure_thumbnail


class Command(BaseCommand):
    help = (
        "สร้างภาพย่อของภาพกิจกรรมที่ยังไม่มี (ภาพเก่าก่อนมีภาพย่อ) — ไม่จำเป็นต้องรัน "
        "เพราะหน้าเว็บสร้างให้เองเมื่อเปิดครั้งแรก แต่ช่วยให้หน้าที่มีภาพมากเปิดครั้งแรกได้เร็ว"
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=0, help="จำนวนภาพสูงสุด (0 = ทั้งหมด)")

    def handle(self, *args, **opts):
        qs = Photo.objects.filter(thumbnail="").order_by("pk").only("pk", "image", "thumbnail")
        if opts["limit"]:
            qs = qs[: opts["limit"]]
        made = failed = 0
        for photo in qs.iterator(chunk_size=200):
            try:
                ensure_thumbnail(photo)
            except (FileNotFoundError, ValueError, ValidationError) as exc:
                failed += 1
                self.stderr.write(f"photo {photo.pk}: {type(exc).__name__}")
            else:
                made += 1
        self.stdout.write(f"thumbnails made {made}, failed {failed}")
