"""The language cookie is read by the server only: HttpOnly, SameSite=Lax, Secure wherever the session's is."""

import pytest


@pytest.mark.django_db
def test_switching_language_sets_an_httponly_cookie(client, settings):
    r = client.get("/lang/en/?next=/units/")
    assert r.status_code == 302 and r["Location"] == "/units/"
    cookie = r.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax" == settings.SESSION_COOKIE_SAMESITE
    assert cookie["path"] == "/"
    assert int(cookie["max-age"]) == settings.LANGUAGE_COOKIE_AGE
    assert not cookie["secure"]  # DEBUG / plain http in tests, like the session cookie


@pytest.mark.django_db
def test_language_cookie_is_secure_when_the_session_cookie_is(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = True
    cookie = client.get("/lang/th/?next=/").cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["secure"] is True and cookie["httponly"] is True


def test_settings_match_the_session_cookie():
    from django.conf import settings

    assert settings.LANGUAGE_COOKIE_HTTPONLY is True
    assert settings.LANGUAGE_COOKIE_SAMESITE == settings.SESSION_COOKIE_SAMESITE
    assert settings.LANGUAGE_COOKIE_SECURE == settings.SESSION_COOKIE_SECURE
