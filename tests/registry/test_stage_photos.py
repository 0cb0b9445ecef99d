"""Photos of every stage (issue 22 item 2): several per stage of a unit with caption and date taken, the
district's choice of at most N per stage for its report, thumbnails made by the worker after the upload, a
25 MB phone photo downscaled (not refused) and a HEIC photo converted (or refused with a clear message)."""

import datetime as dt
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.models import AuditEvent
from apps.registry import services_stage1
from apps.registry.enums import Stage
from apps.registry.images import MAX_SIDE
from apps.registry.models import Photo
from apps.registry.selectors import report_photos
from apps.registry.tasks import make_photo_thumbnails
from tests.factories import EnrolmentFactory, UnitFactory, district

from .conftest import jpeg

pytestmark = pytest.mark.django_db


def _upload_url(year):
    return f"/app/districts/6501/years/{year.pk}/photos/upload/"


def _photo(year, unit=None, *, stage=Stage.PREPARATION, caption="ภาพ", taken_on=None, code="6501"):
    p = Photo(district=district(code), year=year, unit=unit, stage=stage, caption=caption, taken_on=taken_on)
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buf, "JPEG")
    p.image.save("p.jpg", ContentFile(buf.getvalue()), save=False)
    p.save()
    return p


@pytest.fixture(scope="module")
def phone_photo_bytes():
    """A 25 MB JPEG as a phone sends it (24 megapixels of detail that does not compress)."""
    w, h = 6000, 4000
    im = Image.frombytes("RGB", (w, h), os.urandom(w * h * 3))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=95)
    data = buf.getvalue()
    assert len(data) >= 25 * 1024 * 1024, len(data)
    return data


def test_a_25_mb_phone_photo_is_downscaled_not_refused(as_user, officer, year, phone_photo_bytes, settings):
    big = SimpleUploadedFile("IMG_0001.JPG", phone_photo_bytes, content_type="image/jpeg")
    assert big.size > settings.MAX_UPLOAD_SIZE  # larger than any other upload may be
    r = as_user(officer).post(_upload_url(year), {"images": [big], "caption": "ประชุมประชาคม", "stage": "1"})
    assert r.status_code == 302, r.content.decode()[:3000]
    p = Photo.objects.get()
    with p.image.open("rb") as fh:
        im = Image.open(fh)
        assert im.format == "JPEG" and max(im.size) == MAX_SIDE and im.size == (2000, 1333)
    assert p.image.size < 5 * 1024 * 1024


def test_a_photo_over_the_photo_limit_gets_a_thai_message(as_user, officer, year, settings):
    settings.MAX_PHOTO_UPLOAD_SIZE = 1024 * 1024
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"\x00" * (2 * 1024 * 1024), content_type="image/jpeg")
    r = as_user(officer).post(_upload_url(year), {"images": [big], "caption": "x", "stage": "1"})
    assert r.status_code == 200 and "ไฟล์ใหญ่เกินไป (2.0 MB) ขนาดสูงสุดคือ 1 MB" in r.content.decode()
    assert not Photo.objects.exists()


def _heic(size=(320, 240)):
    from pillow_heif import register_heif_opener

    register_heif_opener()
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buf, "HEIF")
    return SimpleUploadedFile("IMG_0002.HEIC", buf.getvalue(), content_type="image/heic")


def test_a_heic_photo_is_converted_to_jpeg(as_user, officer, year):
    r = as_user(officer).post(
        _upload_url(year), {"images": [_heic()], "caption": "ภาพจาก iPhone", "stage": "2"}
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    p = Photo.objects.get()
    assert p.image.name.endswith(".jpg")
    with p.image.open("rb") as fh:
        im = Image.open(fh)
        assert im.format == "JPEG" and im.size == (320, 240)


def test_without_heic_support_the_officer_reads_what_to_do(as_user, officer, year, monkeypatch):
    monkeypatch.setattr("apps.core.forms.heif_supported", lambda: False)
    r = as_user(officer).post(
        _upload_url(year), {"images": [_heic()], "caption": "ภาพจาก iPhone", "stage": "2"}
    )
    html = r.content.decode()
    assert r.status_code == 200 and "ระบบยังอ่านภาพ HEIC/HEIF ไม่ได้ กรุณาส่งเป็น JPG" in html
    assert "เข้ากันได้มากที่สุด" in html and not Photo.objects.exists()


def test_a_fake_heic_is_refused(as_user, officer, year):
    fake = SimpleUploadedFile(
        "x.heic", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100, content_type="image/heic"
    )
    r = as_user(officer).post(_upload_url(year), {"images": [fake], "caption": "x", "stage": "2"})
    assert "ไม่ใช่รูปภาพจริง" in r.content.decode() and not Photo.objects.exists()


def test_the_worker_makes_thumbnails_after_commit_and_only_once(
    officer, year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        photos = services_stage1.upload_photos(
            district("6501"),
            year,
            [jpeg(size=(1200, 900)), jpeg(size=(900, 1200))],
            by=officer,
            caption="x",
            stage=1,
        )
    assert all(not p.thumbnail for p in Photo.objects.all())
    assert queued  # the task leaves after commit, never before
    ids = [p.pk for p in photos]
    assert make_photo_thumbnails.delay(ids).get() == 2
    names = sorted(Photo.objects.values_list("thumbnail", flat=True))
    assert all(n.startswith("photos/thumbs/") for n in names)
    assert make_photo_thumbnails.delay(ids).get() == 0  # a retried task does nothing twice
    assert sorted(Photo.objects.values_list("thumbnail", flat=True)) == names
    # a photo removed before the worker reached it, or whose file is broken, is skipped
    broken = _photo(year)
    Photo.objects.filter(pk=broken.pk).update(image="photos/missing.jpg")
    assert make_photo_thumbnails.delay([broken.pk, 987654]).get() == 0


def test_choosing_report_photos_per_stage_with_a_limit(
    as_user, officer, national, neighbour, stranger, year, settings
):
    settings.REPORT_PHOTOS_PER_STAGE = 2
    unit = UnitFactory()
    a, b, c = (_photo(year, unit, stage=Stage.RECRUITMENT, caption=f"ภาพ {i}") for i in "abc")
    other_stage = _photo(year, unit, stage=Stage.PREPARATION)
    c_user = as_user(officer)
    back = f"/app/units/{unit.pk}/"
    for p in (b, a):
        r = c_user.post(f"/app/photos/{p.pk}/report/", {"chosen": "1", "back": back})
        assert r.status_code == 302 and r["Location"] == back
    a.refresh_from_db(), b.refresh_from_db()
    assert a.in_report and b.in_report and (b.report_order, a.report_order) == (1, 2)
    r = c_user.post(f"/app/photos/{c.pk}/report/", {"chosen": "1", "back": back}, follow=True)
    assert "เลือกภาพเข้ารายงานได้ไม่เกิน 2 ภาพต่อขั้นตอนของแต่ละหน่วยนับ" in r.content.decode()
    c.refresh_from_db()
    assert not c.in_report
    # another stage has its own limit
    assert c_user.post(f"/app/photos/{other_stage.pk}/report/", {"chosen": "1"}).status_code == 302
    other_stage.refresh_from_db()
    assert other_stage.in_report
    # take one out, then the third fits
    c_user.post(f"/app/photos/{b.pk}/report/", {"chosen": "0"})
    c_user.post(f"/app/photos/{c.pk}/report/", {"chosen": "1"})
    chosen = list(Photo.objects.filter(stage=Stage.RECRUITMENT, in_report=True).order_by("report_order"))
    assert chosen == [a, c]
    assert AuditEvent.objects.filter(action="photo.report_chosen").count() == 4
    assert AuditEvent.objects.filter(action="photo.report_removed").count() == 1
    # bad input: a wrong value, an outside address to return to — a message or the unit page, never a 5xx
    r = c_user.post(f"/app/photos/{a.pk}/report/", {"chosen": "maybe"}, follow=True)
    assert r.status_code == 200 and "คำขอไม่ถูกต้อง" in r.content.decode()
    r = c_user.post(f"/app/photos/{a.pk}/report/", {"chosen": "0", "back": "https://evil.example/"})
    assert r["Location"] == back
    # readers may not choose, strangers do not see the photo
    assert as_user(national).post(f"/app/photos/{a.pk}/report/", {"chosen": "0"}).status_code == 403
    for user in (neighbour, stranger):
        assert as_user(user).post(f"/app/photos/{a.pk}/report/", {"chosen": "0"}).status_code == 404
    assert as_user(officer).get(f"/app/photos/{a.pk}/report/").status_code == 405


def test_report_photos_are_the_chosen_ones_else_the_first_taken(year, settings):
    settings.REPORT_PHOTOS_PER_STAGE = 2
    u1, u2 = UnitFactory(name="ก กลุ่มแรก"), UnitFactory(name="ข กลุ่มสอง")
    d = dt.date(2026, 11, 1)
    first = [
        _photo(year, u1, stage=2, taken_on=d + dt.timedelta(days=i), caption=f"u1-{i}") for i in range(3)
    ]
    picked = [_photo(year, u2, stage=2, caption=f"u2-{i}") for i in range(3)]
    Photo.objects.filter(pk=picked[2].pk).update(in_report=True, report_order=1)
    Photo.objects.filter(pk=picked[0].pk).update(in_report=True, report_order=2)
    own = _photo(year, None, stage=1, caption="งานอำเภอ")
    _photo(year, UnitFactory(district=district("6502")), stage=1, caption="อำเภออื่น", code="6502")
    got = [p.caption for p in report_photos(year, ["6501"])]
    assert got == ["งานอำเภอ", "u1-0", "u1-1", "u2-2", "u2-0"]
    assert own.pk in {p.pk for p in report_photos(year, ["6501"])}
    # per district: at most N of a stage for the whole district, the chosen first
    per = [
        (p.district_id, p.stage, p.caption) for p in report_photos(year, ["6501", "6502"], per_district=True)
    ]
    assert per == [("6501", 1, "งานอำเภอ"), ("6501", 2, "u2-2"), ("6501", 2, "u2-0"), ("6502", 1, "อำเภออื่น")]
    assert first  # made


def test_unit_page_shows_photos_by_stage_with_captions_and_dates(
    as_user, officer, national, year, django_assert_max_num_queries
):
    unit = UnitFactory()
    EnrolmentFactory(year=year, unit=unit, stage=Stage.REINFORCEMENT)
    for stage in (Stage.PREPARATION, Stage.RECRUITMENT, Stage.REINFORCEMENT):
        for i in range(3):
            _photo(
                year,
                unit,
                stage=stage,
                caption=f"ขั้น {stage.value} ภาพ {i}",
                taken_on=dt.date(2026, 11, 2 + i),
            )
    Photo.objects.filter(caption="ขั้น 2 ภาพ 1").update(in_report=True, report_order=1)
    html = as_user(officer).get(f"/app/units/{unit.pk}/").content.decode()
    for n in (1, 2, 3):
        assert f"ขั้นตอนที่ {n} {Stage(n).label}" in html
    assert "ขั้นตอนที่ 4" not in html  # not reached, no photos
    assert html.index("ขั้น 1 ภาพ 2") < html.index("ขั้นตอนที่ 2") < html.index("ขั้น 2 ภาพ 0")
    assert "3 ภาพ · ในรายงาน 1/4" in html and "2 พ.ย. 69" in html
    assert html.count("/report/") == 9 and "นำออกจากรายงาน" in html
    assert f"/photos/upload/?unit={unit.pk}&amp;stage=3" in html
    assert '/image/"><img src="/app/photos/' in html and 'src="/app/photos/' in html
    assert 'src="/media/' not in html
    reader = as_user(national).get(f"/app/units/{unit.pk}/").content.decode()
    assert "ขั้น 3 ภาพ 2" in reader and "/report/" not in reader and "เพิ่มภาพขั้นตอนนี้" not in reader
    # the number of queries does not grow with the photos
    c = as_user(officer)
    with django_assert_max_num_queries(60) as ctx:
        c.get(f"/app/units/{unit.pk}/")
    before = len(ctx.captured_queries)
    for i in range(6):
        _photo(year, unit, stage=Stage.RECRUITMENT, caption=f"เพิ่ม {i}")
    with django_assert_max_num_queries(before):
        c.get(f"/app/units/{unit.pk}/")


def test_demo_gives_every_unit_several_photos_of_each_stage_it_reached(officer, year):
    from apps.registry.demo_photos import seed_stage_photos

    reached = {}
    for n, stage in enumerate((Stage.RECRUITMENT, Stage.SELF_DEVELOPMENT)):
        e = EnrolmentFactory(year=year, unit=UnitFactory(name=f"กลุ่มสาธิต {n}"), stage=stage)
        reached[e.unit_id] = stage
    made = seed_stage_photos(year, district("6501"), officer)
    assert made == Photo.objects.count()
    for unit_id, stage in reached.items():
        for s in Stage:
            n = Photo.objects.filter(unit_id=unit_id, stage=s).count()
            assert (2 <= n <= 4) if s <= stage else n == 0
    assert not Photo.objects.filter(thumbnail="").exists()
    assert Photo.objects.filter(in_report=True).exists()
    assert all(p.taken_on for p in Photo.objects.all())
    assert seed_stage_photos(year, district("6501"), officer) == 0  # idempotent
