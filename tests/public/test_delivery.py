"""How the pages travel: HEAD answers as GET does (uptime monitors), HTML goes gzip-compressed, files do not."""

import gzip

import pytest

# Headers a HEAD must share with its GET (Date and the page cache's own marker differ by nature).
SAME = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "Cache-Control",
    "Content-Security-Policy",
    "X-Frame-Options",
)


def _profile_url(profile):
    from django.urls import reverse

    from apps.public.selectors import unit_slug

    return reverse("public:profile", kwargs={"pk": profile.unit_id, "slug": unit_slug(profile.unit.name)})


def _shared(response):
    return {h: response.get(h) for h in SAME}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/units/", "/verify/", "/healthz/"])
def test_head_answers_like_get_for_anonymous(client, published, url):
    # first HEAD (nothing cached yet), then GET, then HEAD again (served from the page cache where cached)
    cold = client.head(url)
    get = client.get(url)
    warm = client.head(url)
    assert get.status_code == 200
    for head in (cold, warm):
        assert head.status_code == get.status_code
        assert head.content == b""
        assert _shared(head) == _shared(get)


@pytest.mark.django_db
def test_html_is_gzip_compressed_for_clients_that_accept_it(client, published):
    plain = client.get("/units/")
    packed = client.get("/units/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    body = gzip.decompress(packed.content)
    assert body == plain.content  # the page cache keeps the plain body; compression happens on the way out
    assert len(packed.content) < len(plain.content) / 3
    assert int(packed["Content-Length"]) == len(packed.content)


@pytest.mark.django_db
def test_files_and_secret_pages_are_not_compressed(client, published, as_user, staff):
    pdf = client.get(_profile_url(published) + "pdf/", HTTP_ACCEPT_ENCODING="gzip")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Content-Encoding" not in pdf
    login = client.get("/accounts/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert login.status_code == 200 and "Content-Encoding" not in login
    c = as_user(staff)
    settings_page = c.get("/app/inbox/settings/", HTTP_ACCEPT_ENCODING="gzip")
    assert settings_page.status_code == 200 and "Content-Encoding" not in settings_page
    assert c.get("/app/", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
