"""Back up the database (its own dump format) and every media file into one encrypted archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.core.backup import BackupError
from apps.core.backup.service import archive_name, backup_passphrase, create_backup


class Command(BaseCommand):
    help = "สำรองฐานข้อมูลและไฟล์แนบทั้งหมดเป็นไฟล์เดียว เข้ารหัสด้วย BACKUP_KEY (กู้คืนด้วย restore_site)"

    def add_arguments(self, parser):
        parser.add_argument("--out", help="archive to write (default BACKUP_DIR/mchch-<time>.backup)")
        parser.add_argument(
            "--unencrypted",
            action="store_true",
            help="write without encryption (the archive holds personal data)",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **opts):
        out = Path(opts["out"] or Path(settings.BACKUP_DIR) / archive_name())
        try:
            passphrase, warnings = backup_passphrase(opts["unencrypted"])
            for warning in warnings:
                self.stderr.write(self.style.WARNING(warning))
            result = create_backup(out, passphrase=passphrase, alias=opts["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        # The summary goes to stderr: stdout carries only the archive's path (returned), for scripts.
        self.stderr.write(
            f"{result.path} ({result.size:,} bytes, {result.files} media files, "
            f"{'encrypted' if result.encrypted else 'NOT encrypted'})"
        )
        return str(result.path)
