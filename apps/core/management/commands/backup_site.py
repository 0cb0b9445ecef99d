"""Back up the database (as portable JSON) and the media files into one zip: restore with restore_site."""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class Command(BaseCommand):
    help = "สำรองฐานข้อมูลและไฟล์แนบเป็นไฟล์ zip เดียว"

    def add_arguments(self, parser):
        parser.add_argument("--out", help="zip file to write (default var/backups/mchch-<time>.zip)")

    def handle(self, *args, **opts):
        out = Path(opts["out"] or settings.VAR_DIR / "backups" / f"mchch-{timezone.now():%Y%m%d-%H%M%S}.zip")
        out.parent.mkdir(parents=True, exist_ok=True)
        data = io.StringIO()
        call_command("dumpdata", exclude=EXCLUDE, natural_foreign=True, indent=None, stdout=data)
        media = Path(settings.MEDIA_ROOT)
        n = 0
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("data.json", data.getvalue())
            if media.exists():
                for f in media.rglob("*"):
                    if f.is_file():
                        z.write(f, "media/" + f.relative_to(media).as_posix())
                        n += 1
        self.stdout.write(f"{out} ({n} media files)")
        return str(out)
