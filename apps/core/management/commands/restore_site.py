"""Restore an archive made by backup_site: database exactly as dumped, media files verified, then migrate."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.core.backup import BackupError
from apps.core.backup.service import restore_backup


class Command(BaseCommand):
    help = "กู้คืนฐานข้อมูลและไฟล์แนบจากไฟล์ที่ได้จาก backup_site (ลงฐานข้อมูลว่างหรือที่เพิ่ง migrate)"

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that holds data of its own by the archive",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **opts):
        try:
            result = restore_backup(
                opts["archive"],
                passphrase=settings.BACKUP_KEY or None,
                force=opts["force"],
                alias=opts["database"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        migrated = ", then migrated forward" if result.migrated else ""
        self.stdout.write(
            f"restored {opts['archive']}: {result.rows:,} rows, {result.files} media files{migrated}"
        )
