"""Restore a zip made by backup_site into a migrated database: the data and the media files."""

import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "กู้คืนฐานข้อมูลและไฟล์แนบจากไฟล์ zip ที่ได้จาก backup_site"

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, **opts):
        path = Path(opts["archive"])
        if not zipfile.is_zipfile(path):
            raise CommandError(f"{path} is not a backup made by backup_site")
        media = Path(settings.MEDIA_ROOT)
        with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory() as tmp:
            if "data.json" not in z.namelist():
                raise CommandError(f"{path} has no data.json")
            z.extract("data.json", tmp)
            with transaction.atomic():
                call_command("loaddata", str(Path(tmp) / "data.json"), verbosity=0)
            n = 0
            for name in z.namelist():
                if name.startswith("media/") and not name.endswith("/"):
                    target = (media / name[len("media/") :]).resolve()
                    if not target.is_relative_to(media.resolve()):
                        raise CommandError(f"refused a path outside MEDIA_ROOT: {name}")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(z.read(name))
                    n += 1
        self.stdout.write(f"restored {path} ({n} media files)")
