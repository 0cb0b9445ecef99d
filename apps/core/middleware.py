from django.conf import settings
from django.core.signals import request_finished

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
