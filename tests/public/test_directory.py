"""Home and directory: certified units only, filters, Thai search, bad input (never a 500)."""

import pytest

from apps.public import services
from apps.registry.enums import TargetType
from tests.factories import UnitFactory

from .factories import certified_unit, certify

pytestmark = pytest.mark.django_db


def test_home_shows_what_mchch_is_figures_chart_and_latest(client, unit):
    r = client.get("/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "มชช." in html and "ความสมัครใจ" in html  # guideline 1.3
    assert "ผลการรับรองปีงบประมาณ 2569" in html
    assert '<svg class="bar-chart"' in html and '<svg class="geo-map-svg"' in html
    assert "Royal Thai Survey Department; OCHA" in html
    assert "<table" in html and "เมืองพิษณุโลก" in html
    assert unit.name in html
    assert "<script" not in html.split("</head>")[1].replace('<script src="/static/js/', "")


def test_home_in_english_switch_keeps_working(client, unit):
    client.cookies["django_language"] = "en"
    assert client.get("/").status_code == 200


def test_home_without_any_certificate(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "ยังไม่มีหน่วยนับที่ผ่านการรับรอง" in r.content.decode()


def test_directory_lists_only_certified_units_not_revoked_or_hidden(client, unit, staff):
    UnitFactory(name="กลุ่มที่ยังไม่ผ่านการรับรอง")
    revoked = UnitFactory(name="กลุ่มที่ถูกเพิกถอน")
    certify(revoked, revoked=True)
    hidden = certified_unit(name="กลุ่มที่ถูกซ่อน")
    services.hide_profile(services.profile_for(hidden), by=staff, reason="ขอถอนการเผยแพร่")
    html = client.get("/units/").content.decode()
    assert unit.name in html
    assert "กลุ่มที่ยังไม่ผ่านการรับรอง" not in html
    assert "กลุ่มที่ถูกเพิกถอน" not in html
    assert "กลุ่มที่ถูกซ่อน" not in html


def test_directory_filters(client):
    a = certified_unit(name="กลุ่มเอ", fy=2569)
    b = certified_unit(
        name="ศอช.ต.บี",
        fy=2570,
        target_type=TargetType.NETWORK,
        sub_type="ศอช.ต.",
        district_id="6502",
        subdistrict_id="650201",
    )

    def names(qs):
        html = client.get("/units/" + qs).content.decode()
        return {n for n in ("กลุ่มเอ", "ศอช.ต.บี") if n in html}

    assert names("") == {"กลุ่มเอ", "ศอช.ต.บี"}
    assert names("?year=2569") == {"กลุ่มเอ"}
    assert names("?type=network") == {"ศอช.ต.บี"}
    assert names("?sub_type=ศอช.ต.") == {"ศอช.ต.บี"}
    assert names("?district=6501") == {"กลุ่มเอ"}
    assert names("?district=6502&subdistrict=650201") == {"ศอช.ต.บี"}
    assert a.pk and b.pk


def test_directory_thai_search(client, unit):
    certified_unit(name="กองทุนแม่ของแผ่นดินบ้านท่าโพธิ์")
    html = client.get("/units/", {"q": "หนองพิกุล"}).content.decode()
    assert unit.name in html and "ท่าโพธิ์" not in html.split("พบ", 1)[1]


@pytest.mark.parametrize(
    "params",
    [
        {"year": "2400"},
        {"year": "abc"},
        {"year": "2569'; DROP TABLE registry_unit;--"},
        {"type": "spaceship"},
        {"sub_type": "ไม่มีจริง"},
        {"district": "9999"},
        {"subdistrict": "650101"},  # sub-district without district
        {"district": "6501", "subdistrict": "650201"},  # a sub-district of another district
    ],
)
def test_unknown_filter_values_are_ignored_with_a_note(client, unit, params):
    r = client.get("/units/", params)
    assert r.status_code == 200
    html = r.content.decode()
    assert "ไม่พบค่าตัวกรองต่อไปนี้ จึงไม่ได้นำมาใช้" in html
    assert unit.name in html


@pytest.mark.parametrize(
    "q", ["' OR 1=1 --", "%' UNION SELECT national_id FROM registry_unit --", "a" * 5000, "%", "_"]
)
def test_sql_like_search_terms_are_just_text(client, unit, q):
    r = client.get("/units/", {"q": q})
    assert r.status_code == 200


def test_a_nul_byte_in_the_search_gets_the_thai_bad_request_page(client, unit):
    r = client.get("/units/", {"q": "\x00ab"})
    assert r.status_code == 400 and "คำขอไม่ถูกต้อง" in r.content.decode()


def test_html_in_search_is_escaped(client, unit):
    r = client.get("/units/", {"q": '<script>alert("x")</script>'})
    assert r.status_code == 200
    html = r.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "page,expected",
    [
        ("99999999999999999999999", "ไม่มีหน้าที่"),
        ("9" * 5000, "ไม่มีหน้าที่"),
        ("abc", "เลขหน้าไม่ถูกต้อง"),
        ("-3", None),
        ("0", None),
    ],
)
def test_bad_page_numbers_show_a_clear_page(client, unit, page, expected):
    r = client.get("/units/", {"page": page})
    assert r.status_code == 200
    html = r.content.decode()
    assert unit.name in html
    if expected:
        assert expected in html


def test_pagination_huge_page_goes_to_last_page(client):
    for i in range(23):
        certified_unit(name=f"กลุ่มลำดับ{i:02d}")
    html = client.get("/units/", {"page": "500"}).content.decode()
    assert "หน้า 2 จาก 2" in html and "ไม่มีหน้าที่ 500 จึงแสดงหน้าสุดท้าย" in html


def test_district_map_counts_and_links(client, unit):
    html = client.get("/units/").content.decode()
    assert '<svg class="geo-map-svg"' in html
    assert "?district=6501" in html
    assert "Royal Thai Survey Department; OCHA" in html


def _second_province_unit():
    """A certified unit of Sukhothai (64), certified by Sukhothai's year, beside Phitsanulok's."""
    import datetime as dt

    from apps.certification.models import Certificate
    from apps.registry.enums import Outcome, Stage
    from apps.registry.models import Enrolment
    from tests.factories import programme_year

    unit = UnitFactory(name="กลุ่มทอผ้าบ้านหาดเสี้ยว", district_id="6409", subdistrict_id="640901")
    year = programme_year(code="64", fy=2569)
    enrolment = Enrolment.objects.create(
        unit=unit, year=year, stage=Stage.EVALUATION, outcome=Outcome.CERTIFIED
    )
    Certificate.objects.create(
        year=year,
        unit=unit,
        enrolment=enrolment,
        seq=1,
        number="มชช.64/2569/0001",
        certified_on=dt.date(2026, 8, 20),
    )
    return unit


def test_two_provinces_national_map_links_filter_by_province(client, unit):
    other = _second_province_unit()
    html = client.get("/units/").content.decode()
    assert "?province=64" in html and "?province=65" in html  # the national map links
    assert 'data-code="10"' in html  # every province drawn, Bangkok grey (no data)
    assert 'name="district"' not in html  # several provinces: the map (or the province select) comes first
    html = client.get("/units/", {"province": "64"}).content.decode()
    assert other.name in html and unit.name not in html
    assert 'name="district"' in html and 'value="6409"' in html and 'value="6501"' not in html
    assert "district=6409" in html  # Sukhothai's districts map
    assert 'data-code="6501"' not in html
    home = client.get("/").content.decode()
    assert "province=64" in home and "province=65" in home


@pytest.mark.parametrize("bad", ["99", "xx", "6", "650", "'; drop", "6" * 300])
def test_bad_province_is_a_thai_note_and_all_units(client, unit, bad):
    r = client.get("/units/", {"province": bad})
    assert r.status_code == 200
    html = r.content.decode()
    assert "ไม่พบค่าตัวกรองต่อไปนี้" in html and "จังหวัด" in html
    assert unit.name in html


def test_district_of_another_province_than_the_chosen_one_is_ignored(client, unit):
    _second_province_unit()
    html = client.get("/units/", {"province": "64", "district": "6501"}).content.decode()
    assert "ไม่พบค่าตัวกรองต่อไปนี้" in html
    assert unit.name not in html


@pytest.mark.parametrize("path", ["/units/", "/"])
def test_query_count_does_not_grow_from_1_to_3_units(client, django_assert_max_num_queries, path):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    certified_unit(name="กลุ่มแรก")
    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    certified_unit(name="กลุ่มที่สอง", district_id="6502", subdistrict_id="650201")
    certified_unit(name="ชุมชนที่สาม", target_type=TargetType.COMMUNITY, sub_type="หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ")
    cache.clear()
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(path).status_code == 200
