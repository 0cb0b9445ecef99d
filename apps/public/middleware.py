"""Whole-page cache of the public site for anonymous visitors, served before the rest of the middleware stack.

Keyed by the public cache generation (bumped by every change a public page shows, see signals.py), the language
cookie and the full path. Only pages that set no cookie are stored, so nothing personal is ever shared."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from .cache import TIMEOUT, generation

CACHEABLE_PREFIXES = ("/units/", "/sitemap.xml", "/robots.txt")
NEVER = ("/units/photos/",)
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages")


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path
    if not (path == "/" or path.startswith(CACHEABLE_PREFIXES)) or path.startswith(NEVER):
        return False
    return not any(name in request.COOKIES for name in PERSONAL_COOKIES)


def _key(request):
    lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
    digest = hashlib.sha1(request.get_full_path().encode("utf-8")).hexdigest()
    return f"page:{generation()}:{lang}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        request.whole_page_cached = True
        hit = cache.get(key)
        if hit is not None:
            status, headers, content = hit
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = [(k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "x-page-cache")]
            cache.set(key, (response.status_code, headers, response.content), TIMEOUT)
        return response
