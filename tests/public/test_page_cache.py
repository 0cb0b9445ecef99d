import pytest

from apps.public.cache import bump_generation


@pytest.mark.django_db
def test_anonymous_pages_are_served_from_the_page_cache(client, django_assert_num_queries):
    first = client.get("/units/")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        again = client.get("/units/")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert "Content-Security-Policy" in again
    bump_generation()
    assert "X-Page-Cache" not in client.get("/units/")


@pytest.mark.django_db
def test_page_cache_keeps_languages_apart_and_skips_logged_in_users(client, as_user, staff):
    client.get("/")
    client.cookies["django_language"] = "en"
    r = client.get("/")
    assert "X-Page-Cache" not in r and 'lang="en"' in r.content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    c = as_user(staff)
    assert "X-Page-Cache" not in c.get("/")


@pytest.mark.django_db
def test_verification_is_never_cached(client):
    client.get("/verify/AAAA-BBBB-CCCC/")
    assert "X-Page-Cache" not in client.get("/verify/AAAA-BBBB-CCCC/")


@pytest.mark.django_db
def test_public_search_is_rate_limited(client, settings):
    settings.SEARCH_RATE_LIMIT = 3
    for i in range(3):
        assert client.get(f"/units/?q=กลุ่ม{i}").status_code == 200
    r = client.get("/units/?q=กลุ่มอีก")
    assert r.status_code == 429 and "ค้นหาบ่อยเกินไป" in r.content.decode()
    assert client.get("/units/").status_code == 200  # browsing without a search is not limited
