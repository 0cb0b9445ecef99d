"""Request one URL as one persona and reduce the answer to a matrix cell."""

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

LOGIN = "login"  # a 302 to the login page (anonymous on a staff page)


def cell(client, url, method="get"):
    """The status code of a GET (or `method`); a redirect to the login page is LOGIN; an exception is
    "500 <ExceptionName>"."""
    try:
        r = getattr(client, method)(url)
    except Exception as exc:  # noqa: BLE001 — a 500 is a cell of its own, reported with its cause
        return f"500 {type(exc).__name__}: {exc}"[:200]
    if r.status_code in (301, 302, 303, 307, 308):
        target = urlsplit(r.headers.get("Location", "")).path
        if target == urlsplit(resolve_url(settings.LOGIN_URL)).path:
            return LOGIN
    if r.streaming:  # FileResponse: read it through the client's wrapper, which closes it like a WSGI server
        b"".join(r.streaming_content)
    return r.status_code


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return client
