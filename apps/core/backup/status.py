"""The last good backup, as the health check and the status page show it."""

from django.utils import timezone

STALE_HOURS = 26  # a daily backup plus two hours of slack


def last_backup_status():
    """None when no backup ever finished, else finished_at, age_hours, size, name and stale (> 26 h)."""
    from ..models import BackupRun

    run = BackupRun.objects.filter(ok=True, finished_at__isnull=False).order_by("-finished_at").first()
    if run is None:
        return None
    age = (timezone.now() - run.finished_at).total_seconds() / 3600
    return {
        "finished_at": run.finished_at,
        "age_hours": round(age, 2),
        "size": run.size,
        "name": run.name,
        "stale": age > STALE_HOURS,
    }


def health():
    """The `backup` key of /healthz/: informative only, it never fails the health check."""
    status = last_backup_status()
    if status is None:
        return {"last": None, "age_hours": None, "status": "none"}
    return {
        "last": status["finished_at"].isoformat(),
        "age_hours": status["age_hours"],
        "status": "warning" if status["stale"] else "ok",
    }
