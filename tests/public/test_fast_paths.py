"""Issue 23 "fast without the cache": what the public site's hot path skips must not change what it answers —
the shell filled in for anonymous visitors is byte for byte the page drawn in full, the search compiled once
still escapes and folds case, the trigram indexes keep no pending list, the shared cache reuses its client."""

import os

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.db import connection
from django.shortcuts import render
from django.test import RequestFactory
from django.utils import translation

from apps.public import pages, selectors

from .factories import certified_unit

pytestmark = pytest.mark.django_db

DATA = {
    "title": 'ทำเนียบ <หน่วยนับ> & "คำค้น"',
    "head": '<meta name="description" content="ก">',
    # Text that looks like the shell's holes must come out as it went in.
    "body": "<p>หน่วยนับ \ue010 \ue011 \ue012 %EE%80%93</p>",
}


def _request(path):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("path", ["/", "/units/", '/units/?q=ทอผ้า&x=<a>"&page=2', "/units/12-กลุ่ม/"])
def test_the_shell_filled_in_is_the_page_drawn_in_full(lang, path):
    pages._shells.clear()
    with translation.override(lang):
        for _ in range(2):  # drawn, then taken from the process's copy
            fast = pages.page(_request(path), DATA).content
            full = render(_request(path), "public/page.html", {"page": DATA}).content
            assert fast == full
    assert len(pages._shells) == 1


def test_a_waiting_message_is_shown_on_the_full_path():
    request = _request("/units/")
    messages.info(request, "ออกจากระบบแล้ว")
    html = pages.page(request, DATA).content.decode()
    assert "ออกจากระบบแล้ว" in html


def test_search_in_latin_letters_folds_case_and_wildcards_stay_text():
    unit = certified_unit(name="Green Village กลุ่มทอผ้า")
    assert unit.pk in selectors.search_matches("green")[0]
    assert unit.pk in selectors.search_matches("VILLAGE")[0]
    assert unit.pk in selectors.search_matches("ทอผ้า")[0]
    assert unit.pk not in selectors.search_matches("Green%ทอ")[0]
    assert unit.pk not in selectors.search_matches("Gree_")[0]


def test_search_is_one_query(django_assert_num_queries):
    certified_unit(name="กลุ่มทอผ้า")
    selectors.search_matches("ทอผ้า")
    with django_assert_num_queries(1):
        selectors.search_matches("ทอ")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL only")
def test_trigram_indexes_have_no_pending_list():
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'public\\_%\\_trgm'")
        rows = dict(cursor.fetchall())
    assert len(rows) == 12
    assert all(options == ["fastupdate=off"] for options in rows.values()), rows


def test_the_shared_cache_keeps_one_client_per_pool():
    redis = pytest.importorskip("redis")
    from apps.core.rediscache import SharedRedisCache

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0] + "/13"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on this machine")
    cache = SharedRedisCache(url, {"KEY_PREFIX": "fast-path-test"})
    cache.set("k", {"ก": 1})
    assert cache.get("k") == {"ก": 1}
    cache.delete("n")
    assert cache.add("n", 1) and cache.incr("n") == 2
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=False)
    cache.delete_many(["k", "n"])
