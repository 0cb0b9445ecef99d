import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from apps.registry import excel
from apps.registry.models import Enrolment, Unit
from tests.factories import UnitFactory, VillageFactory

from .conftest import national_id

HEADERS = [h for _k, h in excel.COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(rows, headers=HEADERS, name="units.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(
        name, buf.getvalue(), content_type=excel.__name__ and "application/octet-stream"
    )


def row(**kw):
    base = {
        "target_type": "กลุ่ม/องค์กรชุมชน",
        "sub_type": "กลุ่มออมทรัพย์เพื่อการผลิต",
        "name": "กลุ่มทดสอบ",
        "subdistrict": "ในเมือง",
        "founded_on": "01/03/2555",
        "members_count": 40,
        "enrol": "ใช่",
    }
    base.update(kw)
    return [base.get(k, "") for k, _h in excel.COLUMNS]


def _url(year, tail=""):
    return f"/app/districts/6501/years/{year.pk}/import/{tail}"


@pytest.mark.django_db
def test_template_and_twenty_units_imported_after_preview(as_user, officer, year):
    c = as_user(officer)
    r = c.get("/app/units/template.xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]] == HEADERS
    VillageFactory(subdistrict_id="650101", moo=3, name="วังน้ำคู้")
    rows = [row(name=f"กลุ่มที่ {i}", enrol="ใช่" if i % 2 else "ไม่") for i in range(18)]
    rows.append(
        row(
            target_type="ผู้นำชุมชน",
            sub_type="อช./ผู้นำ อช.",
            name="",
            title="นาง",
            first_name="สมพร",
            last_name="แก้วมณี",
            national_id=national_id(),
            active_since=dt.datetime(2015, 1, 1),
            moo=3,
            founded_on="",
            members_count="",
        )
    )
    rows.append(
        row(
            target_type="ชุมชน",
            sub_type="หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ",
            name="",
            moo=3,
            households="๑๒๐",
            founded_on="",
            members_count="",
        )
    )
    assert c.get(_url(year)).status_code == 200
    r = c.post(_url(year), {"file": xlsx(rows)})
    body = r.content.decode()
    assert r.status_code == 200 and "ข้อมูลถูกต้อง 20 แถว" in body
    assert Unit.objects.count() == 0  # nothing saved before the officer confirms
    token = r.context["token"]
    r = c.post(_url(year, "confirm/"), {"token": token})
    assert r.status_code == 302
    assert Unit.objects.filter(district_id="6501").count() == 20
    assert Enrolment.objects.filter(year=year).count() == 11  # 9 groups + leader + community
    leader = Unit.objects.get(target_type="leader")
    assert (
        leader.name == "นางสมพร แก้วมณี"
        and leader.village.moo == 3
        and leader.active_since == dt.date(2015, 1, 1)
    )
    assert Unit.objects.get(target_type="community").households == 120
    # the token was used up
    r = c.post(_url(year, "confirm/"), {"token": token})
    assert r.status_code == 302 and Unit.objects.count() == 20


@pytest.mark.django_db
def test_import_row_errors_in_thai(as_user, officer, year):
    UnitFactory(name="กลุ่มที่มีแล้ว", subdistrict_id="650101")
    bad_id = national_id()[:12] + str((int(national_id()[12]) + 1) % 10)
    rows = [
        row(founded_on="01/03/2012"),  # C.E. year typed as text
        row(name="กลุ่ม 2", founded_on="31/02/2560"),  # no such day
        row(name="กลุ่ม 3", members_count="สี่สิบ"),  # Thai words in a number column
        row(name="กลุ่ม 4", sub_type="กลุ่มที่ไม่มีในรายการ"),  # unknown sub-type
        row(target_type="ผู้นำชุมชน", sub_type="", first_name="ก", last_name="ข", national_id=bad_id),
        row(name="กลุ่มที่มีแล้ว"),  # duplicate of the register
        row(name="กลุ่มซ้ำในไฟล์"),
        row(name="กลุ่มซ้ำในไฟล์"),  # duplicate inside the file
        row(target_type="สหกรณ์"),  # unknown type
        row(name="กลุ่ม 10", enrol="อาจจะ"),
        row(name="กลุ่ม 11", subdistrict="ไม่มีตำบลนี้"),
        row(name="กลุ่ม 12", founded_on=dt.datetime(2560, 3, 1)),  # B.E. year in a real date cell: fine
    ]
    c = as_user(officer)
    r = c.post(_url(year), {"file": xlsx(rows)})
    body = r.content.decode()
    for msg in (
        "กรุณากรอกปีเป็น พ.ศ.",
        "ไม่มีวันที่นี้ในปฏิทิน",
        "จำนวนสมาชิก ต้องเป็นตัวเลข",
        "ไม่รู้จักประเภทย่อย",
        "เลขตรวจสอบหลักสุดท้ายไม่ตรง",
        "มีหน่วยนับ “กลุ่มที่มีแล้ว”",
        "ประเภทไม่ถูกต้อง",
        "ช่อง “สมัครปีนี้”",
        "ไม่พบตำบล",
    ):
        assert msg in body, msg
    assert "พบข้อผิดพลาด 10 แถว" in body and "ยืนยันนำเข้า" not in body
    # even a forged confirm saves nothing while errors remain
    r = c.post(_url(year, "confirm/"), {"token": r.context["token"]}, follow=True)
    assert "ยังมีแถวที่ผิดพลาด" in r.content.decode()
    assert Unit.objects.count() == 1
    rows12 = excel.parse(xlsx([rows[-1]]), officer.scope.assignments[0].district, year)
    assert rows12[0]["data"]["founded_on"] == dt.date(2017, 3, 1) and not rows12[0]["errors"]


@pytest.mark.django_db
def test_broken_files(as_user, officer, national, neighbour, year):
    c = as_user(officer)
    r = c.post(_url(year), {"file": SimpleUploadedFile("units.xlsx", b"this is not a zip")})
    assert "ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสียหาย" in r.content.decode()
    r = c.post(_url(year), {"file": SimpleUploadedFile("units.csv", b"a,b")})
    assert "ไฟล์ชนิดนี้ใช้ไม่ได้" in r.content.decode()
    r = c.post(_url(year), {"file": xlsx([["x", "y"]], headers=["ชื่อหน่วย", "อะไร"])})
    assert "หัวคอลัมน์ไม่ตรงกับแบบฟอร์ม" in r.content.decode()
    r = c.post(_url(year), {"file": xlsx([])})
    assert "ไม่พบข้อมูลในไฟล์" in r.content.decode()
    old = excel.MAX_ROWS
    excel.MAX_ROWS = 3
    try:
        r = c.post(_url(year), {"file": xlsx([row(name=f"ก{i}") for i in range(5)])})
        assert "เกิน 3 แถว" in r.content.decode()
    finally:
        excel.MAX_ROWS = old
    assert as_user(national).get(_url(year)).status_code == 403
    assert as_user(neighbour).get(_url(year)).status_code == 404
    assert as_user(neighbour).post(_url(year, "confirm/"), {"token": "x"}).status_code == 404
    assert Unit.objects.count() == 0


def _export(client, capture, query="", *, full_reason=None):
    """POST the list's export button (the build is queued on commit and runs at once: tasks are eager in tests),
    open the progress page and download the workbook it offers. `full_reason`: the full-ID export instead."""
    with capture(execute=True):
        if full_reason is None:
            r = client.post(f"/app/units/export.xlsx{query}")
        else:
            r = client.post(f"/app/units/export-full-ids.xlsx{query}", {"reason": full_reason})
    assert r.status_code == 302 and r["Location"].startswith("/app/files/")
    page = client.get(r["Location"]).content.decode()
    assert "ดาวน์โหลด" in page and "เปิดอ่าน" not in page
    d = client.get(r["Location"] + "download/")
    assert d.status_code == 200 and d["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(b"".join(d.streaming_content))).active, r["Location"]


@pytest.mark.django_db
def test_export_escapes_formulas_and_masks_ids(
    as_user, officer, national, neighbour, year, django_capture_on_commit_callbacks
):
    cap = django_capture_on_commit_callbacks
    UnitFactory(name='=HYPERLINK("http://evil")', coordinator="+66 81", sub_type="@x")
    UnitFactory(
        target_type="leader",
        name="นายก ข",
        first_name="ก",
        last_name="ข",
        national_id=national_id(),
        position="-ผู้นำ",
    )
    ws, officer_file = _export(as_user(officer), cap, "?district=6501")
    values = [c.value for row_ in ws.iter_rows(min_row=2) for c in row_]
    assert (
        '\'=HYPERLINK("http://evil")' in values
        and "'+66 81" in values
        and "'@x" in values
        and "'-ผู้นำ" in values
    )
    assert not any(isinstance(v, str) and v[:1] in "=+-@" for v in values)
    # masked by default, for the district too (issue 19 item 3)
    assert not any(isinstance(v, str) and national_id()[1:5] in v for v in values)
    assert "x-xxxx-xxxxx-" + national_id()[10:12] + "-" + national_id()[12] in values
    ws, officer_file = _export(
        as_user(officer), cap, "?district=6501", full_reason="ส่งรายชื่อให้ธนาคารตามโครงการ"
    )
    values = [c.value for row_ in ws.iter_rows(min_row=2) for c in row_]
    assert any(isinstance(v, str) and national_id()[1:5] in v for v in values)
    ws, _url = _export(as_user(national), cap)
    values = [str(c.value) for row_ in ws.iter_rows(min_row=2) for c in row_]
    assert not any(national_id()[1:5] in v for v in values) and any("x-xxxx" in v for v in values)
    c = as_user(neighbour)
    ws, _url = _export(c, cap, "?district=6501")
    assert ws.max_row == 1  # headers only: 6501's units are not the neighbour's
    # the officer's file (full national IDs) is theirs alone
    assert c.get(officer_file).status_code == 404 and c.get(officer_file + "download/").status_code == 404
    assert c.get("/app/units/export.xlsx").status_code == 405
