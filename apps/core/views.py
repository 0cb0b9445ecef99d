import time

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

from . import broker


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
    m = broker.mode()
    if m != "eager":
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    return {"mode": m}


def _backup():
    """Age of the last good backup: shown, never counted in the overall status (a late backup is not an outage)."""
    from .backup.status import health

    try:
        return health()
    except Exception as exc:  # a health check reports, it does not raise
        return {"last": None, "age_hours": None, "status": "none", "error": str(exc)[:200]}


def _storage():
    """Write, read back and remove a small file in the store uploads go to (the local folder or the bucket)."""
    from .objectstore import check

    return check()


def healthz(request):
    checks = {
        "database": _check(_database),
        "cache": _check(_cache),
        "broker": _check(_broker),
        "storage": _check(_storage),
    }
    ok = all(c["ok"] for c in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "fail", **checks, "backup": _backup()}, status=200 if ok else 503
    )


def switch_language(request, code):
    """Language switch by a plain link (no form, no CSRF token), so public pages stay cacheable."""
    from django.http import HttpResponseRedirect
    from django.utils.http import url_has_allowed_host_and_scheme

    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if code in dict(settings.LANGUAGES):
        # The same flags as Django's own language cookie (settings: HttpOnly, SameSite, Secure off DEBUG).
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
