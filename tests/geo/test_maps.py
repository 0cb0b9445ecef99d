"""The SVG choropleths drawn from the real boundaries: every province and district, links, titles, grey for no data."""

import xml.etree.ElementTree as ET

import geothai
import pytest
from django.utils import translation

from apps.geo import maps

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


def _svg(html):
    """The <svg> element of a rendered map (the figure is HTML; the SVG inside it is XML)."""
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    return ET.fromstring(html[start:end])


def _shapes(root):
    """(code, href or None, title, fill) of every drawn shape."""
    out = []
    for holder in root.iter():
        if holder.tag not in (f"{SVG}a", f"{SVG}g"):
            continue
        path = holder.find(f"{SVG}path")
        title = holder.find(f"{SVG}title")
        if path is None or title is None or path.get("data-code") is None:
            continue
        out.append((path.get("data-code"), holder.get("href"), title.text, path.get("fill")))
    return out


def test_national_map_draws_all_77_provinces_as_links():
    provinces = {p.code: p.name_th for p in geothai.provinces()}
    assert len(provinces) == 77
    values = {code: i for i, code in enumerate(sorted(provinces))}
    html = maps.choropleth(
        maps.national_map(),
        values,
        title="ทดสอบ",
        link=lambda c: f"/directory/?province={c}",
        unit="หน่วยนับ",
        selected="65",
    )
    shapes = _shapes(_svg(html))
    assert {c for c, *_ in shapes} == set(provinces)
    for code, href, title, _fill in shapes:
        assert href == f"/directory/?province={code}"
        assert title.startswith(provinces[code].replace("กรุงเทพมหานคร", "กรุงเทพ")[:5])
    assert maps.CREDIT in html
    assert 'class="selected"' in html
    # Small enough for a phone: the whole figure (77 shapes, legend, table) stays well under 60 kB.
    assert len(html.encode()) < 60_000


@pytest.mark.parametrize("province", sorted(p.code for p in geothai.provinces()))
def test_every_province_map_draws_every_district(province):
    expected = {d.code for d in geothai.districts(province)}
    shapes = maps.province_map(province)
    assert shapes is not None and set(shapes.codes) == expected
    assert all(s.d.startswith("M") for s in shapes.shapes)
    html = maps.choropleth(
        shapes,
        {code: 3 for code in sorted(expected)[:1]},
        title="อำเภอ",
        link=lambda c: f"/directory/?district={c}",
    )
    root = _svg(html)
    assert root.get("viewBox").startswith("0 0 ")
    drawn = _shapes(root)
    assert {c for c, *_ in drawn} == expected
    assert all(href == f"/directory/?district={c}" for c, href, *_ in drawn)


def test_no_data_is_grey_and_said_in_the_legend_and_the_table():
    shapes = maps.province_map("65")
    html = maps.choropleth(shapes, {"6501": 4, "6502": 0}, title="t", unit="หน่วยนับ")
    fills = {c: fill for c, _href, _t, fill in _shapes(_svg(html))}
    assert fills["6503"] == maps.NO_DATA
    assert fills["6502"] == maps.ZERO
    assert fills["6501"] not in (maps.NO_DATA, maps.ZERO)
    assert "ไม่มีข้อมูล" in html and "<table" in html
    titles = {c: t for c, _h, t, _f in _shapes(_svg(html))}
    assert titles["6501"].endswith("4 หน่วยนับ")
    assert titles["6503"].endswith("ไม่มีข้อมูล")


def test_without_links_shapes_still_have_titles():
    html = maps.choropleth(maps.province_map("64"), {}, title="t")
    shapes = _shapes(_svg(html))
    assert shapes and all(href is None and title for _c, href, title, _f in shapes)


def test_unknown_province_draws_nothing():
    assert maps.province_map("99") is None
    assert maps.choropleth(None, {}, title="t") == ""


def test_quantile_classes():
    assert maps.quantile_breaks([None, 0, 0]) == []
    assert maps.quantile_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [2, 4, 6, 8, 10]
    assert maps.quantile_breaks([5, 5, 5]) == [5]
    assert maps._colour(10, [2, 4, 6, 8, 10]) == maps.PALETTE[-1]
    assert maps._colour(1, [2, 4, 6, 8, 10]) == maps.PALETTE[0]
    assert maps._colour(5, [5]) == maps.PALETTE[-1]


def test_legend_labels_in_thai_order():
    labels = [label for _c, label in maps._legend([2, 4, 6, 8, 10], [0, None, *range(1, 11)])]
    assert labels == ["0", "1–2", "3–4", "5–6", "7–8", "9–10", "ไม่มีข้อมูล"]
    labels = [label for _c, label in maps._legend(maps.quantile_breaks([12.5, 50.0]), [12.5, 50.0])]
    assert labels == ["12.5", "12.5–50.0"]
