from django.conf import settings

from .audit import current_ip

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
    PostgreSQL cannot hold a NUL, and a line break is how a header is injected into a redirect. Such a request gets a Thai 400 page before any view reads the parameter. Every other value is
    read by the page's form or filter (apps.core.query), where a bad value is a message or the default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(_has_control(k) or any(_has_control(v) for v in vs) for k, vs in request.GET.lists()):
            from django.shortcuts import render

            return render(request, "errors/400.html", status=400)
        return self.get_response(request)


def _has_control(text):
    return any(ord(c) < 32 and c != "\t" or ord(c) == 127 for c in text)
