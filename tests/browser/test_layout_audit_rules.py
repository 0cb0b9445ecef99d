"""The audit of tests/browser/test_layout_axe.py finds what it is meant to find (and only that), on pages made
here: a link too small, the inline exception, a checkbox counted with its label, a page wider than the phone,
a table scrolling outside a named region, and axe-core's serious findings."""

import pytest

from .layout_audit import MIN, PHONE, TARGETS_SCRIPT, axe_blocking

STYLE = "<style>body{margin:0;font:16px/1.6 sans-serif} a{font-size:14px;line-height:1}</style>"


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def measure(page, body):
    page.set_content(
        f"<!doctype html><html lang='th'><head><meta name='viewport' content='width=device-width, initial-scale=1'><title>t</title>{STYLE}</head><body><main>{body}</main></body></html>"
    )
    return page.evaluate(TARGETS_SCRIPT, [MIN, 44])


@pytest.mark.browser
def test_a_lone_small_link_is_flagged_and_a_link_in_a_sentence_is_not(phone):
    r = measure(
        phone, '<div><a href="/x">ลิงก์เดี่ยว</a></div><p>อ่านรายละเอียดได้ที่ <a href="/y">หน้านี้</a> ก่อนส่ง</p>'
    )
    assert len(r["small"]) == 1 and "ลิงก์เดี่ยว" in r["small"][0]
    # links separated by dots only are a menu, not a sentence
    r = measure(phone, '<div><a href="/a">หนึ่ง</a> · <a href="/b">สอง</a></div>')
    assert len(r["small"]) == 2


@pytest.mark.browser
def test_hidden_and_big_enough_targets_pass(phone):
    r = measure(
        phone,
        '<a href="/a" style="display:inline-block;min-height:24px;min-width:24px">ตกลง</a>'
        '<a href="/b" class="x" style="position:absolute;left:-999px">ข้าม</a>'
        '<a href="/c" style="display:none">ซ่อน</a><details><summary style="min-height:30px">เพิ่ม</summary>'
        '<a href="/d">ในกล่องที่ปิด</a></details>',
    )
    assert r["small"] == [] and r["targets"] == 2


@pytest.mark.browser
def test_a_checkbox_counts_with_its_label(phone):
    alone = measure(phone, '<input type="checkbox" aria-label="เลือก">')
    assert len(alone["small"]) == 1
    labelled = measure(
        phone,
        '<label style="display:inline-flex;min-height:44px;align-items:center">'
        '<input type="checkbox"> เลือกหน่วยนับนี้</label>',
    )
    assert labelled["small"] == []


@pytest.mark.browser
def test_page_overflow_and_unnamed_scrolling_are_found(phone):
    wide = measure(phone, '<div style="width:600px">กว้าง</div>')
    assert wide["overflow"] == 600 - 390 and wide["wide"]
    unnamed = measure(
        phone,
        '<div style="overflow-x:auto"><table><tr><td style="min-width:800px">ตาราง</td></tr></table></div>',
    )
    assert unnamed["overflow"] == 0 and len(unnamed["scrollers"]) == 1
    named = measure(
        phone,
        '<div style="overflow-x:auto" role="region" aria-label="ตาราง" tabindex="0"><table><tr>'
        '<td style="min-width:800px">ตาราง</td></tr></table></div>',
    )
    assert named["overflow"] == 0 and named["scrollers"] == []


@pytest.mark.browser
def test_axe_reports_serious_findings_only(phone):
    measure(phone, '<button type="button"><a href="/x">ซ้อนกัน</a></button>')
    found = axe_blocking(phone)
    assert any(line.startswith("nested-interactive (serious") for line in found), found
    measure(phone, "<h1>หัวเรื่อง</h1><p>ข้อความ</p>")
    assert axe_blocking(phone) == []
