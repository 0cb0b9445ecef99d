"""Backups of the whole site (database by its own tools, media through the storage API, one sealed archive).

The public names are here; the modules behind them load on first use, so importing this package (as the status
page does) is cheap and safe before the app registry is ready.
"""

from .errors import BackupError


def last_backup_status():
    """None, or {"finished_at", "age_hours", "size", "name", "stale"} of the last good backup."""
    from .status import last_backup_status as status

    return status()


def create_backup(*args, **kwargs):
    from .service import create_backup as create

    return create(*args, **kwargs)


def restore_backup(*args, **kwargs):
    from .service import restore_backup as restore

    return restore(*args, **kwargs)


__all__ = ["BackupError", "create_backup", "last_backup_status", "restore_backup"]
