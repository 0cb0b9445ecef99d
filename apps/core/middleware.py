from functools import wraps

from django.conf import settings
from django.core.signals import request_finished
from django.middleware.gzip import GZipMiddleware

from .audit import current_ip
from .logs import clean_request_id, new_request_id, request_id

REQUEST_ID_HEADER = "X-Request-ID"

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """No inline script anywhere (DESIGN §4); everything from our own origin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        return response


class RequestContextMiddleware:
    """Makes the client's address available to audit() for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip = request.META.get("REMOTE_ADDR")
        if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and request.META.get("HTTP_X_FORWARDED_FOR"):
            ip = request.META["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip()
        token = current_ip.set(ip)
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


class ThaiFirstMiddleware:
    """Thai unless the person chose English with the switcher (cookie): a browser's Accept-Language is ignored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class QueryGuardMiddleware:
    """A NUL, a line break or another control character in a query parameter is never a value anybody typed:
    PostgreSQL cannot hold a NUL, and a line break is how a header is injected into a redirect. Such a request
    gets a Thai 400 page before any view reads the parameter. Every other value is read by the page's form or
    filter (apps.core.query), where a bad value is a message or the default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(_has_control(k) or any(_has_control(v) for v in vs) for k, vs in request.GET.lists()):
            from django.shortcuts import render

            return render(request, "errors/400.html", status=400)
        return self.get_response(request)


def _has_control(text):
    return any(ord(c) < 32 and c != "\t" or ord(c) == 127 for c in text)


class CompressTextMiddleware(GZipMiddleware):
    """gzip for the pages and other text we render (the public directory: 31 KB → ~5 KB); files are left alone.

    Sits below WhiteNoise, which serves static files itself, already compressed at collectstatic (.gz and .br
    beside each file), and above the anonymous page cache, so the cache keeps plain bodies and serves every
    client what it accepts. Downloads (photos, PDFs, xlsx: compressed formats already, often streamed) are not
    touched, so they keep their Content-Length.

    BREACH (guessing a secret in a compressed page from its length, with requests the attacker makes the
    victim's browser send, each reflecting a guess) is handled, not by leaving pages uncompressed, but by:
    - the session and CSRF cookies are SameSite=Lax: requests another site can make in bulk (images, frames,
      fetch) carry no session, so they get the anonymous page, which holds no secret;
    - the only secret in our HTML, the CSRF token, is masked with fresh random bytes in every response
      (Django), so no two responses repeat it and there is nothing to converge on;
    - Django's gzip adds up to 100 random bytes to every compressed body ("Heal the Breach"), which blurs the
      length differences the attack measures;
    - the few pages that show a standing secret are sent uncompressed, because every page reflects its own
      query string (the language switcher's `next=`): the sign-in and MFA pages of allauth under /accounts/
      (TOTP secret, recovery codes) and the views marked with `never_compress` (the calendar-feed link).
    """

    COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/javascript", "image/svg+xml")
    SECRET_PAGES = ("/accounts/",)

    def process_response(self, request, response):
        if response.streaming or getattr(response, "never_compress", False):
            return response
        if request.path.startswith(self.SECRET_PAGES):
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)


def never_compress(view):
    """For a page that shows a standing secret (a token, a key): sent as is, never gzip (see above)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.never_compress = True
        return response

    return wrapped


class RequestIdMiddleware:
    """First of all: the request's id, taken from X-Request-ID when a proxy set a safe one or made here, goes into
    every log line of the request (apps.core.logs), into the tasks it queues (apps.core.taskhooks) and back to the
    client in the same header. It stays bound until the response is closed (request_finished), so that Django's
    own "Not Found"/"Forbidden" lines, written after the middleware returned, carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = clean_request_id(request.headers.get(REQUEST_ID_HEADER)) or new_request_id()
        request.request_id = rid
        request_id.set(rid)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = rid
        return response


def _forget_request_id(**kwargs):
    request_id.set(None)


request_finished.connect(_forget_request_id, dispatch_uid="mchch-forget-request-id")


class StorageErrorMiddleware:
    """One place for a file store that is down (apps.core.objectstore): the request's database work is rolled back
    already (ATOMIC_REQUESTS), the files it saved are removed, and the person reads a Thai page (503) instead of a
    server error. Any failed request (an exception, a 5xx) takes back the files it saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from . import objectstore

        token = objectstore.start_tracking()
        failed = True
        try:
            response = self.get_response(request)
            failed = response.status_code >= 500
            return response
        finally:
            removed = objectstore.stop_tracking(token, failed=failed)
            if removed:
                import logging

                logging.getLogger(__name__).warning("failed request: removed %d saved file(s)", len(removed))

    def process_exception(self, request, exception):
        from django.shortcuts import render

        from . import objectstore

        if not objectstore.is_storage_error(exception):
            return None
        import logging

        logging.getLogger(__name__).error("file store unavailable: %r", exception)
        response = render(request, "errors/storage_down.html", status=503)
        response["Retry-After"] = "30"
        return response
