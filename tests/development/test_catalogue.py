"""Standards catalogue: versioning, retire-not-delete, publish checks, copy forward, xlsx, views."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError

from apps.development import xlsx
from apps.development.models import Answer, Indicator, StandardSet
from apps.development.selectors import indicators_of
from apps.development.services import catalogue
from apps.development.services.assessment import save_assessment, start_assessment
from apps.registry.enums import TargetType
from apps.registry.services import open_programme_year
from tests.factories import province

from .factories import enrolment, make_set

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _answered(s, staff):
    e = enrolment(s.year)
    sa = start_assessment(e, by=staff)
    ids = [i.pk for i in indicators_of(s)]
    save_assessment(sa, scores={ids[0]: 1, ids[1]: 4, ids[2]: 2}, notes={}, header={}, by=staff)
    return sa


@pytest.mark.django_db
def test_editing_a_set_in_use_creates_a_new_version_and_keeps_answers(year, staff):
    s = make_set(year)
    sa = _answered(s, staff)
    g2 = Indicator.objects.get(component__standard_set=s, code="G2")
    data = {f: getattr(g2, f) for f in catalogue.INDICATOR_FIELDS} | {"text": "ข้อความใหม่"}
    w = catalogue.save_indicator(s, data, component=g2.component, by=staff, indicator=g2)
    assert w.new_version and w.standard_set.version == 2 and not w.standard_set.is_published
    g2.refresh_from_db()
    assert g2.text == "ตัวชี้วัดทดสอบข้อ 2"  # the version in use did not change
    assert Indicator.objects.get(component__standard_set=w.standard_set, code="G2").text == "ข้อความใหม่"
    assert sa.answers.count() == 3
    # the next edit goes to the same draft, not to a third version
    w2 = catalogue.update_rule(
        s.__class__.objects.get(pk=w.standard_set.pk),
        {
            "title": "ฉบับปรับปรุง",
            "require_mandatory": True,
            "min_percent": Decimal("70"),
            "combine": "and",
            "source": "",
            "is_demo": False,
        },
        by=staff,
    )
    assert not w2.new_version and w2.standard_set.pk == w.standard_set.pk
    with pytest.raises(ValidationError) as exc:  # editing an old version is refused
        catalogue.save_component(s, name="ด้านใหม่", order=2, by=staff)
    assert "ไม่ใช่ฉบับล่าสุด" in exc.value.messages[0]


@pytest.mark.django_db
def test_deleting_an_indicator_in_use_loses_no_answers(year, staff):
    s = make_set(year)
    sa = _answered(s, staff)
    g3 = Indicator.objects.get(component__standard_set=s, code="G3")
    w, retired = catalogue.remove_indicator(g3, by=staff)
    assert w.new_version and not retired
    assert Indicator.objects.filter(pk=g3.pk).exists()
    assert Answer.objects.filter(assessment=sa, indicator=g3).exists()
    assert not Indicator.objects.filter(component__standard_set=w.standard_set, code="G3").exists()
    with pytest.raises(ProtectedError):  # and the database itself refuses to drop answered indicators
        g3.delete()


@pytest.mark.django_db
def test_answered_indicator_is_retired_when_edited_in_place(year, staff):
    """A draft that is not in use, but an indicator has answers (data moved by an admin): retire, don't delete."""
    s = make_set(year, published=False)
    other = make_set(year, version=2)
    sa = start_assessment(enrolment(year), by=staff)
    g1 = Indicator.objects.get(component__standard_set=s, code="G1")
    Answer.objects.create(assessment=sa, indicator=g1, score=1)
    StandardSet.objects.filter(pk=other.pk).update(version=0)  # make `s` the newest again
    w, retired = catalogue.remove_indicator(g1, by=staff)
    assert retired and not w.new_version
    g1.refresh_from_db()
    assert not g1.is_active and g1.answers.count() == 1


@pytest.mark.django_db
def test_publish_refuses_weights_that_do_not_add_up(year, staff):
    s = make_set(year, published=False, weights=(40, 30, 20))
    with pytest.raises(ValidationError) as exc:
        catalogue.publish(s, by=staff)
    assert "รวมกันได้ 90%" in exc.value.messages[0]
    s.refresh_from_db()
    assert not s.is_published
    g3 = Indicator.objects.get(component__standard_set=s, code="G3")
    data = {f: getattr(g3, f) for f in catalogue.INDICATOR_FIELDS} | {"weight": Decimal("30")}
    catalogue.save_indicator(s, data, component=g3.component, by=staff, indicator=g3)
    catalogue.publish(s, by=staff)
    s.refresh_from_db()
    assert s.is_published
    with pytest.raises(ValidationError):
        catalogue.save_indicator(s, data | {"code": "G9", "pass_score": 7}, component=g3.component, by=staff)


@pytest.mark.django_db
def test_copied_forward_when_a_year_opens(year, staff):
    make_set(year, TargetType.GROUP)
    make_set(year, TargetType.LEADER, published=False)
    y71 = open_programme_year(province(), 2571, by=staff, copy_from=year)
    sets = list(StandardSet.objects.filter(year=y71))
    assert [(s.target_type, s.version, s.is_published) for s in sets] == [("group", 1, True)]
    assert indicators_of(sets[0]).count() == 3


@pytest.mark.django_db
def test_xlsx_round_trip_and_import(year, staff):
    s = make_set(year)
    data = xlsx.export_set(s)
    parsed = xlsx.parse(io.BytesIO(data))
    assert [r["code"] for r in parsed["indicators"]] == ["G1", "G2", "G3"]
    new = catalogue.import_set(year, "group", parsed, by=staff)
    assert new.version == 2 and new.is_published and indicators_of(new).count() == 3


def _book(rows, rule=None, header=None):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = xlsx.SHEET_RULE
    for r in rule or [("ชื่อชุดมาตรฐาน", "ชุดนำเข้า"), ("คะแนนรวมขั้นต่ำ (%)", 60)]:
        ws.append(list(r))
    ws2 = wb.create_sheet(xlsx.SHEET_INDICATORS)
    ws2.append(header or [label for _k, label in xlsx.COLUMNS])
    for r in rows:
        ws2.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD = [
    ("การบริหาร", "A1", "มีคณะกรรมการ", "", "ผ่าน/ไม่ผ่าน", 1, 1, 50, "ใช่"),
    ("การบริหาร", "A2", "มีบัญชี", "สมุดบัญชี", "ให้คะแนน", 5, 3, 50, "ไม่"),
]


@pytest.mark.django_db
def test_a_file_that_is_not_xlsx_gives_a_thai_message():
    with pytest.raises(ValidationError) as exc:
        xlsx.parse(io.BytesIO(b"not a spreadsheet"))
    assert "อ่านไฟล์ไม่ได้" in exc.value.messages[0]


@pytest.mark.django_db
def test_bad_rows_are_all_reported():
    bad_weights = [GOOD[0], GOOD[1][:7] + (30, "ไม่")]
    with pytest.raises(ValidationError) as exc:
        xlsx.parse(io.BytesIO(_book(bad_weights)))
    assert "รวมกันได้ 80%" in " ".join(exc.value.messages)
    rows = [("", "A1", "x", "", "แปลก", "ห้า", 1, 50, ""), ("ด้าน", "A1", "", "", "ให้คะแนน", 5, 9, 50, "")]
    with pytest.raises(ValidationError) as exc:
        xlsx.parse(io.BytesIO(_book(rows)))
    text = " ".join(exc.value.messages)
    assert "แถวที่ 2" in text and "แถวที่ 3" in text and "รหัส A1 ซ้ำ" in text
    with pytest.raises(ValidationError) as exc:
        xlsx.parse(io.BytesIO(_book(GOOD, header=["ด้าน", "รหัส"])))
    assert "ไม่พบคอลัมน์" in exc.value.messages[0]


@pytest.mark.django_db
def test_import_view_previews_then_saves(as_user, year, staff, officer, national):
    url = "/app/standards/import/"
    c = as_user(staff)
    assert c.get(url).status_code == 200
    upload = SimpleUploadedFile("std.xlsx", _book(GOOD), content_type=XLSX)
    r = c.post(url, {"year": year.pk, "target_type": "group", "file": upload})
    assert r.status_code == 200 and "ตัวอย่างก่อนบันทึก" in r.content.decode()
    assert not StandardSet.objects.filter(year=year).exists()  # nothing saved before confirming
    r = c.post(url, {"confirm": "1"})
    s = StandardSet.objects.get(year=year)
    assert r.status_code == 302 and s.is_published and s.title == "ชุดนำเข้า"
    # a bad file: Thai message, no preview kept
    bad = SimpleUploadedFile("std.xlsx", _book([GOOD[0]]), content_type=XLSX)
    r = c.post(url, {"year": year.pk, "target_type": "group", "file": bad})
    assert "ต้องรวมกันเท่ากับ 100%" in r.content.decode() and "ตัวอย่างก่อนบันทึก" not in r.content.decode()
    r = c.post(url, {"confirm": "1"}, follow=True)
    assert "กรุณาอัปโหลดไฟล์อีกครั้ง" in r.content.decode()
    wrong = SimpleUploadedFile("std.csv", b"a,b", content_type="text/csv")
    r = c.post(url, {"year": year.pk, "target_type": "group", "file": wrong})
    assert "ไฟล์ชนิดนี้ใช้ไม่ได้" in r.content.decode()
    assert as_user(officer).get(url).status_code == 403
    assert as_user(national).get(url).status_code == 403


@pytest.mark.django_db
def test_catalogue_views(as_user, year, staff, officer, national, neighbour, stranger, queued_download):
    s = make_set(year)
    s.is_demo = True
    s.save()
    c = as_user(staff)
    r = c.get(f"/app/standards/?year={year.pk}")
    assert r.status_code == 200 and "ตัวอย่างเพื่อสาธิตเท่านั้น" in r.content.decode()
    r = c.get(f"/app/standards/{s.pk}/")
    assert r.status_code == 200 and "ไม่ใช่ตัวชี้วัดทางการ" in r.content.decode()
    assert queued_download(c, f"/app/standards/{s.pk}/export.xlsx").startswith(b"PK")  # built by the worker
    # new set, component, indicators, publish
    assert c.get("/app/standards/new/").status_code == 200
    r = c.post("/app/standards/new/", {"year": year.pk, "target_type": "leader", "title": "มาตรฐานผู้นำ"})
    new = StandardSet.objects.get(year=year, target_type="leader")
    assert r.status_code == 302 and not new.is_published
    assert c.get(f"/app/standards/{new.pk}/indicators/new/").status_code == 302  # needs a component first
    assert c.get(f"/app/standards/{new.pk}/components/new/").status_code == 200
    assert (
        c.post(f"/app/standards/{new.pk}/components/new/", {"order": 1, "name": "คุณลักษณะ"}).status_code == 302
    )
    comp = new.components.get()
    assert c.get(f"/app/standards/{new.pk}/components/{comp.pk}/").status_code == 200
    assert (
        c.post(
            f"/app/standards/{new.pk}/components/{comp.pk}/", {"order": 1, "name": "คุณลักษณะผู้นำ"}
        ).status_code
        == 302
    )
    ind = {
        "component": comp.pk,
        "order": 1,
        "code": "L1",
        "text": "ซื่อสัตย์",
        "evidence_hint": "",
        "scale": "score",
        "max_score": 5,
        "pass_score": 3,
        "weight": "60",
        "mandatory": "on",
    }
    assert c.get(f"/app/standards/{new.pk}/indicators/new/").status_code == 200
    assert c.post(f"/app/standards/{new.pk}/indicators/new/", ind).status_code == 302
    r = c.post(f"/app/standards/{new.pk}/indicators/new/", ind)
    assert "มีตัวชี้วัดรหัส L1" in r.content.decode()
    r = c.post(f"/app/standards/{new.pk}/publish/", follow=True)
    assert "รวมกันได้ 60%" in r.content.decode()
    l1 = Indicator.objects.get(component=comp)
    assert c.get(f"/app/standards/{new.pk}/indicators/{l1.pk}/").status_code == 200
    assert c.post(f"/app/standards/{new.pk}/indicators/{l1.pk}/", ind | {"weight": "100"}).status_code == 302
    assert c.post(f"/app/standards/{new.pk}/publish/").status_code == 302
    new.refresh_from_db()
    assert new.is_published
    # the rule of a published set: saving makes a new draft version
    rule = {
        "title": "มาตรฐานผู้นำ 2",
        "require_mandatory": "on",
        "min_percent": "70",
        "combine": "and",
        "lock_version": new.lock_version,
    }
    assert c.get(f"/app/standards/{new.pk}/rule/").status_code == 200
    r = c.post(f"/app/standards/{new.pk}/rule/", rule, follow=True)
    assert "ระบบจึงสร้างฉบับที่ 2" in r.content.decode()
    r = c.post(f"/app/standards/{new.pk}/rule/", rule | {"lock_version": 0})
    assert "มีผู้อื่นแก้ไขชุดมาตรฐานนี้ไปแล้ว" in r.content.decode()
    v2 = StandardSet.objects.get(year=year, target_type="leader", version=2)
    r = c.post(
        f"/app/standards/{v2.pk}/rule/",
        rule | {"require_mandatory": "", "min_percent": "", "lock_version": v2.lock_version},
    )
    assert "อย่างน้อยหนึ่งเงื่อนไข" in r.content.decode()
    l1v2 = Indicator.objects.get(component__standard_set=v2)
    assert c.post(f"/app/standards/{v2.pk}/indicators/{l1v2.pk}/remove/").status_code == 302
    assert not Indicator.objects.filter(pk=l1v2.pk).exists()
    # roles: officer and national read, only staff edit; the stranger sees nothing
    for u in (officer, national, neighbour):
        assert as_user(u).get(f"/app/standards/{s.pk}/").status_code == 200
        assert as_user(u).get(f"/app/standards/{s.pk}/rule/").status_code == 403
    assert as_user(officer).post(f"/app/standards/{s.pk}/publish/").status_code == 403
    g1 = Indicator.objects.get(component__standard_set=s, code="G1")
    assert as_user(officer).post(f"/app/standards/{s.pk}/indicators/{g1.pk}/remove/").status_code == 403
    assert as_user(officer).get("/app/standards/new/").status_code == 403
    assert as_user(stranger).get(f"/app/standards/{s.pk}/").status_code == 404
    assert as_user(stranger).get(f"/app/standards/{s.pk}/export.xlsx").status_code == 404
    assert as_user(stranger).post(f"/app/standards/{s.pk}/publish/").status_code == 404
