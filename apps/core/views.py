import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse


def _check(fn):
    t0 = time.monotonic()
    try:
        detail = fn()
        return {"ok": True, "ms": round((time.monotonic() - t0) * 1000, 1), **(detail or {})}
    except Exception as exc:  # a health check reports, it does not raise
        return {"ok": False, "error": str(exc)[:200]}


def _database():
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
    return {"engine": connection.vendor}


def _cache():
    cache.set("healthz", "1", 10)
    if cache.get("healthz") != "1":
        raise RuntimeError("cache did not return the value")
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _broker():
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL:
        return {"mode": "eager"}
    from mchch.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"mode": settings.CELERY_BROKER_URL.split(":", 1)[0]}


def healthz(request):
    checks = {"database": _check(_database), "cache": _check(_cache), "broker": _check(_broker)}
    ok = all(c["ok"] for c in checks.values())
    return JsonResponse({"status": "ok" if ok else "fail", **checks}, status=200 if ok else 503)
