"""Issue 23 "fast without the cache": the directory's search as indexed subqueries, at most MAX_PAGES pages,
a constant number of queries per page, and migrate on SQLite (the trigram indexes are PostgreSQL only)."""

import pytest
from django.core.cache import cache

from apps.public import views
from apps.registry.enums import TargetType

from .factories import certified_unit

pytestmark = pytest.mark.django_db


def test_search_matches_name_sub_type_and_places_like_before(client):
    a = certified_unit(name="กลุ่มทอผ้าบ้านนาดี")
    b = certified_unit(name="ชุมชนหัวรอ", target_type=TargetType.COMMUNITY, sub_type="หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ")
    for q, shown, hidden in [("ทอผ้า", a, b), ("เศรษฐกิจ", b, a), ("ทอผ", a, b)]:
        html = client.get("/units/", {"q": q}).content.decode()
        assert shown.name in html and hidden.name not in html
    html = client.get("/units/", {"q": "เมืองพิษณุโลก"}).content.decode()  # the district's name
    assert a.name in html


@pytest.mark.parametrize("q", ["%", "_", "100%", "a_b", "'; DROP TABLE x; --", "ก" * 2000])
def test_wildcards_and_long_search_strings_are_plain_text(client, q):
    certified_unit(name="กลุ่มทอผ้า")
    r = client.get("/units/", {"q": q})
    assert r.status_code == 200
    assert "กลุ่มทอผ้า" not in r.content.decode()


@pytest.fixture
def many(monkeypatch):
    monkeypatch.setattr(views, "MAX_PAGES", 2)
    for i in range(45):
        certified_unit(name=f"กลุ่มลำดับ{i:02d}")


@pytest.mark.parametrize(
    "page,expected,shown",
    [
        ("abc", "เลขหน้าไม่ถูกต้อง จึงแสดงหน้าแรก", "หน้า 1 จาก 2"),
        ("-1", "เลขหน้าไม่ถูกต้อง จึงแสดงหน้าแรก", "หน้า 1 จาก 2"),
        ("0", "เลขหน้าไม่ถูกต้อง จึงแสดงหน้าแรก", "หน้า 1 จาก 2"),
        ("99999", "ทำเนียบแสดงได้ถึงหน้าที่ 2 จึงแสดงหน้าที่ 2 แทนหน้าที่ 99999", "หน้า 2 จาก 2"),
        ("3", "กรุณาค้นหาหรือเลือกตัวกรอง", "หน้า 2 จาก 2"),
    ],
)
def test_page_cap_and_bad_page_numbers_get_a_thai_note(client, many, page, expected, shown):
    r = client.get("/units/", {"page": page})
    assert r.status_code == 200
    html = r.content.decode()
    assert expected in html and shown in html
    assert "พบ 45 หน่วยนับ" in html  # the count is the real one, only the pages are capped


def test_pages_are_ordered_and_do_not_overlap(client, many):
    first = client.get("/units/").content.decode()
    second = client.get("/units/", {"page": "2"}).content.decode()
    names = [f"กลุ่มลำดับ{i:02d}" for i in range(45)]
    on_first = [n for n in names if n in first]
    on_second = [n for n in names if n in second]
    assert on_first == names[:20] and on_second == names[20:40]


def test_queries_per_page_are_constant(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(q, page):
        cache.clear()
        client.get("/units/", {"q": "x"})  # the filter options are kept per generation
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/units/", {"q": q, "page": page}).status_code == 200
        return [c["sql"] for c in ctx.captured_queries]

    certified_unit(name="กลุ่มแรก")
    one = queries("กลุ่ม", "1")
    for i in range(25):
        certified_unit(name=f"กลุ่มที่{i:02d}", district_id="6502", subdistrict_id="650201")
    many = queries("กลุ่ม", "2")
    assert 0 < len(one) == len(many) <= 6, many


def test_migrations_run_on_sqlite_and_add_no_model_state():
    """The trigram operation does nothing on SQLite (the test database was just migrated by it), and
    makemigrations finds nothing to add."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    out = StringIO()
    call_command("makemigrations", "public", "--check", "--dry-run", stdout=out)
    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("SELECT name FROM sqlite_master WHERE name LIKE '%trgm%'")
            assert c.fetchall() == []


def test_a_search_longer_than_100_letters_is_cut_with_a_thai_note(client):
    certified_unit(name="กลุ่มทอผ้า")
    html = client.get("/units/", {"q": "กลุ่มทอผ้า" + "ก" * 2000}).content.decode()
    assert "คำค้นยาวเกิน 100 ตัวอักษร จึงค้นหาด้วย 100 ตัวอักษรแรก" in html
    html = client.get("/units/", {"q": "  กลุ่มทอผ้า  "}).content.decode()
    assert "คำค้นยาวเกิน" not in html and "พบ 1 หน่วยนับ" in html


def test_thai_words_match_as_they_are_latin_words_in_any_case(client):
    a = certified_unit(name="กลุ่ม OTOP บ้านนาดี")
    b = certified_unit(name="กลุ่มจักสาน")
    for q in ("otop", "OTOP", "Otop", "นาดี"):
        html = client.get("/units/", {"q": q}).content.decode()
        assert a.name in html and b.name not in html, q


def test_a_crawler_on_page_10000_gets_the_last_page_and_a_note(client, many):
    r = client.get("/units/", {"page": "10000", "q": "กลุ่มลำดับ"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "แทนหน้าที่ 10000" in html and "หน้า 2 จาก 2" in html


def test_search_map_counts_the_filters_and_keeps_the_words_in_its_links(client):
    certified_unit(name="กลุ่มทอผ้าบ้านนาดี", district_id="6501")
    certified_unit(name="กลุ่มจักสาน", district_id="6502", subdistrict_id="650201")
    html = client.get("/units/", {"q": "ทอผ้า"}).content.decode()
    assert "นับตามตัวกรอง ไม่นับคำค้น" in html
    assert "?q=%E0%B8%97%E0%B8%AD%E0%B8%9C%E0%B9%89%E0%B8%B2&amp;district=6502" in html  # the words kept
    html = client.get("/units/", {"q": "จักสาน"}).content.decode()  # the same map, other words in its links
    assert "?q=%E0%B8%88%E0%B8%B1%E0%B8%81%E0%B8%AA%E0%B8%B2%E0%B8%99&amp;district=6501" in html
    assert 'value="จักสาน"' in html  # the search box of the filter form kept per filter set


def test_cards_follow_a_change_of_the_unit(client):
    u = certified_unit(name="กลุ่มทอผ้าบ้านนาดี")
    assert "กลุ่มทอผ้าบ้านนาดี" in client.get("/units/", {"q": "ทอผ้า"}).content.decode()
    u.name = "กลุ่มทอผ้าบ้านนาดีใหม่"
    u.save()
    assert "กลุ่มทอผ้าบ้านนาดีใหม่" in client.get("/units/", {"q": "ทอผ้า", "page": "1"}).content.decode()


def test_an_uncached_search_takes_one_query_once_the_cards_are_kept(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(3):
        certified_unit(name=f"กลุ่มทอผ้า{i}")
    client.get("/units/", {"q": "ทอผ้า"})  # the index, the options and the cards are now kept
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/units/", {"q": "ทอผ้า", "n": "another-url"}).status_code == 200
    assert len(ctx.captured_queries) == 1, [q["sql"] for q in ctx.captured_queries]
