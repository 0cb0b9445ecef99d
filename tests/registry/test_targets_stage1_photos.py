import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.registry.models import Partner, Photo, PreparationRecord
from tests.factories import EnrolmentFactory, UnitFactory

from .conftest import jpeg


@pytest.mark.django_db
def test_targets_turn_green(as_user, officer, staff, national, neighbour, stranger, year):
    url = f"/app/districts/6501/years/{year.pk}/targets/"
    c = as_user(officer)
    body = c.get(url).content.decode()
    # guideline 1.2 "อย่างน้อยประเภทละ ๑ หน่วยนับ": every type without an applicant is red
    assert body.count("cell-bad") == 4 and "ยังไม่มีผู้สมัครประเภท" in body
    for tt in ("leader", "group", "network", "community"):
        EnrolmentFactory(year=year, unit=UnitFactory(target_type=tt, name=f"หน่วย {tt}"))
    body = c.get(url).content.decode()
    assert "cell-bad" not in body and body.count("cell-ok") == 4
    assert as_user(neighbour).get(url).status_code == 404
    assert as_user(stranger).get(url).status_code == 404
    assert as_user(national).get(url).status_code == 200
    # the province page: every district, 6502 still red
    purl = f"/app/targets/{year.pk}/"
    for user in (staff, national, officer):
        r = as_user(user).get(purl)
        assert r.status_code == 200 and "นครไทย" in r.content.decode()
    assert as_user(staff).get(purl).content.decode().count("cell-bad") == 8 * 4
    assert as_user(stranger).get(purl).status_code == 404
    assert as_user(officer).get("/app/targets/").status_code == 302
    assert as_user(staff).get("/app/targets/").status_code == 302


@pytest.mark.django_db
def test_landing_panel_and_nav(as_user, officer, staff, year):
    EnrolmentFactory(year=year, unit=UnitFactory(target_type="group"))
    body = as_user(officer).get("/app/").content.decode()
    assert "ผู้สมัครเข้าสู่ระบบ มชช. ปี 2570" in body and "หน่วยนับ" in body and "ภาพกิจกรรม" in body
    assert "งานขั้นเตรียมการ" in body and "ผู้นำชุมชน" in body  # a missing type
    assert as_user(staff).get("/app/").status_code == 200


@pytest.mark.django_db
def test_stage1_records(as_user, officer, national, neighbour, stranger, year):
    base = f"/app/districts/6501/years/{year.pk}/preparation/"
    c = as_user(officer)
    assert c.get("/app/preparation/").status_code == 302
    assert c.get(base).status_code == 200
    assert c.get(base + "new/?kind=committee_meeting").status_code == 200
    minutes = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    r = c.post(
        base + "new/",
        {
            "kind": "committee_meeting",
            "title": "ประชุมคณะกรรมการ มชช. อำเภอ ครั้งที่ 1/2570",
            "held_on": "15/10/2569",
            "attendees": "นายอำเภอ\nพัฒนาการอำเภอ",
            "attendees_count": "15",
            "resolutions": "กำหนดแนวทางการดำเนินงานที่ยืดหยุ่น",
            "upload": minutes,
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    rec = PreparationRecord.objects.get()
    assert rec.held_on == dt.date(2026, 10, 15) and rec.file
    r = c.get(f"/app/preparation/records/{rec.pk}/file/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    # bad inputs: a C.E. year, an executable as minutes
    r = c.post(base + "new/", {"kind": "briefing", "title": "x", "held_on": "15/10/2026"})
    assert "พ.ศ." in r.content.decode()
    exe = SimpleUploadedFile("minutes.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    r = c.post(base + "new/", {"kind": "briefing", "title": "x", "held_on": "15/10/2569", "upload": exe})
    assert "ไฟล์ชนิดนี้ใช้ไม่ได้" in r.content.decode()
    assert PreparationRecord.objects.count() == 1
    # edit with optimistic concurrency
    edit = f"/app/preparation/records/{rec.pk}/"
    data = {"kind": "committee_meeting", "title": "แก้ไขแล้ว", "held_on": "15/10/2569", "version": rec.version}
    assert c.post(edit, data).status_code == 302
    r = c.post(edit, {**data, "title": "ทับของคนอื่น"})
    assert "มีผู้อื่นแก้ไขบันทึกนี้ไปแล้ว" in r.content.decode()
    # partners
    assert c.get(base.replace("preparation/", "partners/new/")).status_code == 200
    r = c.post(
        base.replace("preparation/", "partners/new/"),
        {"kind": "alumni", "name": "เครือข่ายผู้ผ่าน มชช. ตำบลในเมือง"},
    )
    assert r.status_code == 302
    p = Partner.objects.get()
    assert (
        c.post(f"/app/preparation/partners/{p.pk}/", {"kind": "development", "name": p.name}).status_code
        == 302
    )
    r = c.post(base.replace("preparation/", "partners/new/"), {"kind": "alumni", "name": p.name})
    assert "มีภาคีชื่อนี้ในปีนี้แล้ว" in r.content.decode()
    # roles
    assert as_user(national).get(base).status_code == 200
    assert as_user(national).get(edit).status_code == 403
    assert as_user(national).get(f"/app/preparation/partners/{p.pk}/").status_code == 403
    for user in (neighbour, stranger):
        assert as_user(user).get(base).status_code == 404
        assert as_user(user).get(edit).status_code == 404
        assert as_user(user).get(f"/app/preparation/records/{rec.pk}/file/").status_code == 404


@pytest.mark.django_db
def test_photos_from_a_phone(as_user, officer, national, neighbour, stranger, year, settings):
    from PIL import Image

    unit = UnitFactory()
    up = f"/app/districts/6501/years/{year.pk}/photos/upload/"
    c = as_user(officer)
    assert c.get("/app/photos/").status_code == 302
    assert c.get(up + f"?unit={unit.pk}").status_code == 200
    r = c.post(
        up,
        {
            "images": [jpeg("a.jpg", exif_gps=True), jpeg("b.png")],
            "caption": "ประชุมชี้แจง",
            "stage": "1",
            "unit": unit.pk,
            "taken_on": "20/10/2569",
            "is_public": "on",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    photos = list(Photo.objects.all())
    assert len(photos) == 2 and all(p.is_public and p.unit == unit for p in photos)
    with photos[0].image.open("rb") as fh:
        im = Image.open(fh)
        assert im.format == "JPEG" and not im.getexif()  # GPS and camera data stripped
    img = f"/app/photos/{photos[0].pk}/image/"
    r = c.get(img)
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert "/media/" not in c.get(f"/app/units/{unit.pk}/").content.decode()
    assert img in c.get(f"/app/districts/6501/years/{year.pk}/photos/?stage=1").content.decode()
    assert as_user(national).get(img).status_code == 200
    for user in (neighbour, stranger):
        assert as_user(user).get(img).status_code == 404
        assert as_user(user).get(f"/app/districts/6501/years/{year.pk}/photos/").status_code == 404
    assert as_user(national).post(up, {}).status_code == 403
    assert as_user(national).post(f"/app/photos/{photos[0].pk}/delete/").status_code == 403
    # bad input: an executable named .jpg, a 50 MB image — nothing saved
    c = as_user(officer)
    exe = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\x00" * 500, content_type="image/jpeg")
    r = c.post(up, {"images": [jpeg(), exe], "caption": "x", "stage": "2"})
    assert "ไม่ใช่รูปภาพจริง" in r.content.decode() and Photo.objects.count() == 2
    from django.core.exceptions import ValidationError

    from apps.core.forms import validate_upload

    huge = SimpleUploadedFile(
        "big.jpg", b"\xff\xd8" + b"\x00" * (50 * 1024 * 1024), content_type="image/jpeg"
    )
    with pytest.raises(ValidationError, match="ไฟล์ใหญ่เกินไป"):
        validate_upload(huge, "image")
    settings.MAX_PHOTO_UPLOAD_SIZE = 1024 * 1024
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"\x00" * (2 * 1024 * 1024), content_type="image/jpeg")
    r = c.post(up, {"images": [big], "caption": "x", "stage": "2"})
    assert "ไฟล์ใหญ่เกินไป" in r.content.decode() and Photo.objects.count() == 2
    # delete
    assert c.post(f"/app/photos/{photos[1].pk}/delete/").status_code == 302
    assert Photo.objects.count() == 1
