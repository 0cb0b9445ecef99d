"""Scheduled backups (placeholder of this branch: the backup feature replaces this module)."""


def last_backup_status():
    """The last finished backup: None when there is none yet, else
    {"finished_at": aware datetime, "age_hours": float, "size": int (bytes), "name": str, "stale": bool}."""
    return None
