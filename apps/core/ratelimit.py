"""The one per-IP rate limit for public endpoints: a fixed window in the shared cache (Redis in production)."""

import time

from django.core.cache import cache

from .audit import current_ip


def client_ip(request):
    return current_ip.get() or request.META.get("REMOTE_ADDR")


def hit(request, bucket, limit, window=60):
    """Count one request of this IP in `bucket`; True when it goes over `limit` per `window` seconds."""
    key = f"rate:{bucket}:{client_ip(request)}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window * 2)
    try:
        n = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window * 2)
        n = 1
    return n > limit
