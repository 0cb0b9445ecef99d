"""Public pages are cached for anonymous visitors, keyed by a generation number that every change to a
profile, certificate, honour, photo, unit or office contact bumps (signals.py), so nothing stale is served.

Only the page body (and the head tags) is cached: the shell around it is rendered per request because it
carries the visitor's CSRF token (language switcher)."""

import hashlib
import time
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_started
from django.utils.translation import get_language

GENERATION_KEY = "public:generation"
TIMEOUT = 60 * 10
BUILD_WAIT_S = 5  # how long a request waits for another process building the same shared value


# Read once per request (the page cache, the view and its fragments ask several times): one round trip to the
# shared cache instead of one per question. Forgotten when the next request starts, and replaced by a bump.
_seen = ContextVar("public_generation", default=None)


def generation():
    gen = _seen.get()
    if gen is not None:
        return gen
    gen = cache.get(GENERATION_KEY)
    if gen is None:
        gen = time.time_ns()
        cache.set(GENERATION_KEY, gen, None)
    _seen.set(gen)
    return gen


def _forget(**kwargs):
    _seen.set(None)


request_started.connect(_forget, dispatch_uid="public-generation-per-request")


def _new_generation():
    # A fresh, never-used number: old keys simply expire.
    gen = time.time_ns()
    cache.set(GENERATION_KEY, gen, None)
    _seen.set(None)


def bump_generation(**kwargs):
    """Now, and again after the commit, so a request that read the old rows meanwhile cannot keep them cached."""
    from django.db import transaction

    _new_generation()
    transaction.on_commit(_new_generation)


def cached(request, name, build):
    """`build()` → a picklable dict; cached for anonymous GETs (and HEADs), computed fresh for logged-in staff."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return build()
    if getattr(request, "whole_page_cached", False):
        return build()  # the page cache keeps the whole response of this request: no second copy
    digest = hashlib.sha1(request.get_full_path().encode("utf-8")).hexdigest()
    key = f"public:{generation()}:{get_language()}:{name}:{digest}"
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, TIMEOUT)
    return data


def shared(name, build):
    """A value every public page shares (e.g. the directory's filter options), kept until the next change:
    the same generation key as the pages, so it is rebuilt after any change to the public data."""
    key = f"public:{generation()}:shared:{name}"
    data = cache.get(key)
    if data is not None:
        return data
    # One process builds it (the directory index reads every certified unit); the others wait for it a
    # little rather than all asking the database the same thing at the same moment after a change.
    if cache.add(f"{key}:building", 1, BUILD_WAIT_S * 4):
        try:
            data = build()
            cache.set(key, data, TIMEOUT)
        finally:
            cache.delete(f"{key}:building")
        return data
    deadline = time.monotonic() + BUILD_WAIT_S
    while time.monotonic() < deadline:
        time.sleep(0.05)
        data = cache.get(key)
        if data is not None:
            return data
    return build()  # the builder is slow or gone: answer anyway
