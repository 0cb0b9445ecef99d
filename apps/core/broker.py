"""What the broker says: the length of the default queue and whether a worker answers. For the status page and
the metrics; every call is short (timeouts of a second) and never raises."""

import logging
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)

PING_TIMEOUT = 1.0


def mode():
    """ "eager" (tasks run in the web process), "filesystem" (embedded broker), "redis" or another scheme."""
    url = settings.CELERY_BROKER_URL or ""
    if settings.CELERY_TASK_ALWAYS_EAGER or not url:
        return "eager"
    return url.split(":", 1)[0]


def _app():
    from celery import current_app  # the project's app (set as current when the project package loads)

    return current_app


def queue_length():
    """{"queue", "length" (None when unknown), "mode", "error"?}: LLEN on Redis, files in the folder of the
    filesystem broker, nothing when tasks run eagerly."""
    m = mode()
    queue = _app().conf.task_default_queue or "celery"
    out = {"queue": queue, "mode": m, "length": None}
    try:
        if m in ("redis", "rediss"):
            import redis

            client = redis.Redis.from_url(
                settings.CELERY_BROKER_URL, socket_timeout=1, socket_connect_timeout=1
            )
            try:
                out["length"] = int(client.llen(queue))
            finally:
                client.close()
        elif m == "filesystem":
            folder = Path(getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}).get("data_folder_in", ""))
            wanted = f"{queue}.msg"
            out["length"] = sum(1 for f in folder.iterdir() if f.name.partition(".")[2] == wanted)
        elif m == "eager":
            out["length"] = 0
    except Exception as exc:  # reported, never raised
        log.warning("queue length of %s: %s", m, exc)
        out["error"] = str(exc)[:200]
    return out


def worker_ping():
    """{"mode", "workers": [names] or None when not asked (eager), "error"?}: a broadcast ping with a short timeout."""
    m = mode()
    out = {"mode": m, "workers": None}
    if m == "eager":
        return out
    try:
        replies = _app().control.ping(timeout=PING_TIMEOUT) or []
        out["workers"] = sorted(name for reply in replies for name in reply)
    except Exception as exc:
        log.warning("worker ping on %s: %s", m, exc)
        out["error"] = str(exc)[:200]
    return out
