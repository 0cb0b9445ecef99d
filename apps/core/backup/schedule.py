"""The daily backup of Celery beat: one archive in BACKUP_DIR, then the retention policy."""

import logging
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import retention
from .errors import BackupError
from .service import archive_name, backup_passphrase, create_backup

log = logging.getLogger(__name__)

# Two beats may both send the daily task: the lock keeps them apart, this keeps the second from running after.
RECENT = timedelta(hours=20)


def scheduled_backup(now=None):
    """Write today's archive unless a scheduled one finished recently; returns its path or None."""
    from ..models import BackupRun

    now = now or timezone.now()
    if BackupRun.objects.filter(scheduled=True, ok=True, finished_at__gte=now - RECENT).exists():
        log.info("backup: a scheduled backup finished less than %s ago; nothing to do", RECENT)
        return None
    directory = Path(settings.BACKUP_DIR)
    name = archive_name(now)
    try:
        passphrase, warnings = backup_passphrase()
    except BackupError as exc:  # no key in production: recorded, so that the operator sees why nothing ran
        BackupRun.objects.create(name=name, scheduled=True).finish(ok=False, error=str(exc))
        raise
    for warning in warnings:
        log.warning("backup: %s", warning)
    result = create_backup(directory / name, passphrase=passphrase, scheduled=True)
    gone = retention.prune(directory)
    log.info(
        "backup: %s (%d bytes, %d files); retention removed %s", result.path, result.size, result.files, gone
    )
    return str(result.path)
