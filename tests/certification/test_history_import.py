"""History since 2547 (issue 20 item 5): past passers imported from xlsx with a dry-run preview and Thai row
errors, matched to the register, all or nothing; they verify on /verify/ as issued before the system and show
on the unit's public profile."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from apps.certification.history import COLUMNS, import_history, parse_history
from apps.certification.models import HistoricCertificate
from apps.core import demo_people
from apps.geo.models import Province
from apps.registry.enums import TargetType
from apps.registry.models import Unit
from tests.factories import UnitFactory, district

HEAD = [h for _k, h in COLUMNS]


def xlsx(rows, headers=HEAD):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("history.xlsx", buf.getvalue())


@pytest.fixture
def p65(db):
    return Province.objects.get(code="65")


@pytest.fixture
def group(db):
    d = district("6501")
    return UnitFactory(district=d, subdistrict=d.subdistricts.order_by("code").first(), name="กลุ่มทอผ้าบ้านเก่า")


@pytest.fixture
def leader(db):
    d = district("6502")
    t, first, last = demo_people.person(5)
    return UnitFactory(
        district=d,
        target_type=TargetType.LEADER,
        title=t,
        first_name=first,
        last_name=last,
        name=f"{t}{first} {last}",
        national_id=demo_people.national_id(5),
        sub_type="อช./ผู้นำ อช.",
    )


def _rows(group, leader):
    sub = group.subdistrict.name_th
    return [
        ["กลุ่ม/องค์กรชุมชน", group.name, "เมืองพิษณุโลก", sub, "", 2550, "มชช.65/2550/0007", "30/09/2553"],
        ["ผู้นำชุมชน", "ชื่อที่พิมพ์ผิดได้", "นครไทย", "", demo_people.national_id(5), "2555", "มชช.65/2555/0001", ""],
        ["ชุมชน", "บ้านหนองปลาไหล หมู่ที่ 4", "6503", "", "", 2560, "มชช.65/2560/0012", "30/09/2599"],
    ]


@pytest.mark.django_db
def test_preview_matches_the_register_and_saves_nothing(p65, group, leader):
    n_units = Unit.objects.count()
    rows = parse_history(xlsx(_rows(group, leader)), p65)
    assert [r["errors"] for r in rows] == [[], [], []]
    assert rows[0]["unit"] == group  # name + subdistrict
    assert rows[1]["unit"] == leader  # national ID, whatever the name typed
    assert rows[2]["unit"] is None  # not in the register: added on import
    assert Unit.objects.count() == n_units and not HistoricCertificate.objects.exists()


@pytest.mark.django_db
def test_import_creates_historic_certificates(p65, group, leader, staff):
    rows = parse_history(xlsx(_rows(group, leader)), p65)
    records, new_units = import_history(p65, rows, by=staff)
    assert len(records) == 3 and len(new_units) == 1
    assert new_units[0].district_id == "6503" and new_units[0].target_type == TargetType.COMMUNITY
    old = HistoricCertificate.objects.get(number="มชช.65/2550/0007")
    assert old.unit == group and old.fiscal_year == 2550 and old.valid_until == dt.date(2010, 9, 30)
    assert old.status_on() == "expired"
    # the same file again: every row is a duplicate, nothing more is saved
    again = parse_history(xlsx(_rows(group, leader)), p65)
    assert all(any("ซ้ำ" in e for e in r["errors"]) for r in again)


@pytest.mark.django_db
def test_bad_rows_get_thai_errors_and_nothing_is_half_imported(p65, group, leader, staff):
    sub = group.subdistrict.name_th
    rows = parse_history(
        xlsx(
            [
                ["กลุ่ม/องค์กรชุมชน", group.name, "เมืองพิษณุโลก", sub, "", 2550, "A-1", ""],
                ["กลุ่ม/องค์กรชุมชน", "กลุ่มอื่น", "อำเภอที่ไม่มี", "", "", 2551, "A-2", ""],
                ["กลุ่ม/องค์กรชุมชน", "กลุ่มอื่นอีก", "นครไทย", "", "", 2551, "A-1", ""],
                ["ผู้นำชุมชน", "นายไม่มี ในทะเบียนสาธิต", "นครไทย", "", "", 2551, "A-3", ""],
                ["กลุ่ม/องค์กรชุมชน", group.name, "เมืองพิษณุโลก", sub, "", 2550, "A-4", ""],
                ["อะไรก็ได้", "", "นครไทย", "", "123", "2540", "", "31/02/2560"],
            ]
        ),
        p65,
    )
    errors = [" ".join(r["errors"]) for r in rows]
    assert errors[0] == ""
    assert "ไม่พบอำเภอ “อำเภอที่ไม่มี”" in errors[1]
    assert "ซ้ำ: เลขที่ใบรับรอง A-1" in errors[2]
    assert "ไม่พบผู้นำ" in errors[3]
    assert "ซ้ำ: หน่วยนับนี้ผ่านการรับรองปี 2550" in errors[4]
    assert all(s in errors[5] for s in ("ประเภทไม่ถูกต้อง", "กรุณากรอกชื่อ", "เลขประจำตัวประชาชน", "2547", "เลขที่"))
    n = Unit.objects.count()
    with pytest.raises(Exception, match="ยังมีแถวที่ผิดพลาด"):
        import_history(p65, rows, by=staff)
    assert Unit.objects.count() == n and not HistoricCertificate.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "upload,message",
    [
        (SimpleUploadedFile("x.xlsx", b"PK\x03\x04 not really a workbook"), "เปิดไฟล์ไม่ได้"),
        (None, "หัวคอลัมน์ไม่ตรงกับแบบฟอร์ม"),
        ("empty", "ไม่พบข้อมูลในไฟล์"),
    ],
)
def test_broken_files_are_thai_messages(as_user, staff, upload, message):
    if upload is None:
        upload = xlsx([["x"]], headers=["ชื่อ"])
    elif upload == "empty":
        upload = xlsx([])
    c = as_user(staff)
    r = c.post("/app/certificates/history/", {"province": "65", "file": upload})
    assert r.status_code == 200 and message in r.content.decode()
    assert not HistoricCertificate.objects.exists()


@pytest.mark.django_db
def test_staff_preview_then_confirm_and_verify(as_user, client, staff, group, leader):
    c = as_user(staff)
    assert c.get("/app/certificates/history/").status_code == 200
    assert c.get("/app/certificates/history/template.xlsx").status_code == 200
    r = c.post("/app/certificates/history/", {"province": "65", "file": xlsx(_rows(group, leader))})
    page = r.content.decode()
    assert "ข้อมูลถูกต้อง 3 แถว" in page and not HistoricCertificate.objects.exists()
    token = r.context["token"]
    r = c.post("/app/certificates/history/confirm/", {"token": token})
    assert r.status_code == 302 and HistoricCertificate.objects.count() == 3
    assert (
        c.post("/app/certificates/history/confirm/", {"token": token}).status_code == 302
    )  # used: a message
    assert HistoricCertificate.objects.count() == 3
    # /verify/: by the code and by the printed number
    c.logout()
    old = HistoricCertificate.objects.get(number="มชช.65/2560/0012")
    r = client.get(f"/verify/{old.code}/")
    body = r.content.decode()
    assert r.status_code == 200 and "ออกก่อนใช้ระบบ" in body and "2560" in body and "ยังใช้ได้" in body
    r = client.get("/verify/", {"code": "มชช.65/2550/0007"}, follow=True)
    body = r.content.decode()
    assert "ออกก่อนใช้ระบบ (ปี 2550) และหมดอายุแล้ว" in body and group.name in body
    assert client.get("/verify/", {"code": "มชช.65/2550/9999"}).status_code == 400


@pytest.mark.django_db
def test_only_province_staff_import_and_only_into_their_province(as_user, officer, stranger, group, leader):
    assert as_user(officer).get("/app/certificates/history/").status_code == 403
    c = as_user(stranger)  # staff of province 50: Phitsanulok is not a choice
    r = c.post("/app/certificates/history/", {"province": "65", "file": xlsx(_rows(group, leader))})
    assert r.status_code == 200 and "rows" not in r.context or r.context["rows"] is None
