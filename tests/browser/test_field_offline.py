"""The field app offline (issue 22 item 1): one visit online, then the browser offline — the today screen comes
from the service worker, a visit and a photo wait in IndexedDB ("รอส่ง 2 รายการ"), and when the network returns
they are sent once; the same queue sent again changes nothing; a conflict is shown and kept; a full disk says so."""

import io
from pathlib import Path

import pytest
from PIL import Image

from apps.accounts.enums import Role
from apps.development.models import Visit
from apps.registry.enums import Stage
from apps.registry.models import Photo, PreparationRecord
from tests.factories import (
    PASSWORD,
    EnrolmentFactory,
    UnitFactory,
    district,
    programme_year,
    with_role,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
FIELD = "/app/field/"


def camera_jpeg(path, size=(3000, 2000)):
    """A big photo with GPS in its EXIF, as a phone camera makes it."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (16.0, 49.0, 0.0)}
    exif[0x010F] = "PhoneMaker"
    buf = io.BytesIO()
    Image.new("RGB", size, (90, 140, 60)).save(buf, "JPEG", quality=90, exif=exif)
    path.write_bytes(buf.getvalue())
    return path


@pytest.fixture
def field_data(transactional_db, settings):
    settings.DEBUG = True  # the live server serves /static/ (as the other browser tests)
    officer = with_role(Role.DISTRICT_OFFICER, district=district("6501"))
    year = programme_year()
    d = district("6501")
    a = EnrolmentFactory(
        unit=UnitFactory(district=d, name="กลุ่มออมทรัพย์บ้านวังน้ำ"),
        year=year,
        stage=Stage.REINFORCEMENT,
        mentor=officer,
    )
    b = EnrolmentFactory(
        unit=UnitFactory(district=d, name="กลุ่มทอผ้าบ้านดอน"),
        year=year,
        stage=Stage.REINFORCEMENT,
        mentor=officer,
    )
    return officer, a, b


def login(page, base, user):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def badge(page):
    return page.locator("#queue-badge")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_field_app_offline_queue_and_sync(live_server, context, page, field_data, tmp_path):
    officer, a, b = field_data
    base = live_server.url
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": 390, "height": 844})
    page.on("dialog", lambda d: d.accept())
    login(page, base, officer)

    # one visit online: the service worker installs and keeps the shell and the day's page
    page.goto(base + FIELD)
    page.wait_for_function(
        "() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready.then(() => true)"
    )
    page.wait_for_function("() => caches.match('/app/field/').then(r => !!r)")
    assert "กลุ่มออมทรัพย์บ้านวังน้ำ" in page.inner_text("main")

    # the unit is renamed on the server meanwhile: offline, the phone still shows the page it kept
    a.unit.name = "กลุ่มออมทรัพย์บ้านวังน้ำ (ชื่อใหม่)"
    a.unit.save()
    context.set_offline(True)
    response = page.reload()
    assert response.from_service_worker
    assert "กลุ่มออมทรัพย์บ้านวังน้ำ" in page.inner_text("main") and "ชื่อใหม่" not in page.inner_text("main")
    assert "ออฟไลน์" in page.inner_text("#net")

    # a supervision visit with a photo taken on the phone: two entries wait in the queue
    page.select_option("#visit_enrolment", str(a.pk))
    page.fill("#visit_learned", "สมาชิกทำบัญชีรับจ่ายครบทุกเดือน")
    page.set_input_files("#visit_photos", str(camera_jpeg(tmp_path / "camera.jpg")))
    page.click("#visit button[type=submit]")
    page.wait_for_function("() => document.querySelector('#queue-badge').textContent.includes('2')")
    assert badge(page).inner_text() == "รอส่ง 2 รายการ"
    assert not Visit.objects.exists() and not Photo.objects.exists()
    # the photo was made smaller in the browser before it was kept
    dims = page.evaluate(
        """async () => {
            const e = (await fieldQueue.all()).find(x => x.kind === 'photo');
            const bmp = await createImageBitmap(e.blob);
            return [bmp.width, bmp.height, e.blob.type];
        }"""
    )
    assert max(dims[:2]) == 1600 and dims[2] == "image/jpeg"
    # a visit to unit b, which moves on to stage 4 on the server before the phone is back online
    page.select_option("#visit_enrolment", str(b.pk))
    page.fill("#visit_learned", "เริ่มทำแผน")
    page.click("#visit button[type=submit]")
    page.wait_for_function("() => document.querySelector('#queue-badge').textContent.includes('3')")
    page.evaluate("async () => { window._sent = await fieldQueue.all(); }")  # a copy, to send the queue twice
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "field-offline-queue.png"), full_page=True)
    b.stage = Stage.SELF_DEVELOPMENT
    b.save()

    # back online: the queue is sent by itself; the conflict stays, shown, with its data
    context.set_offline(False)
    page.wait_for_function("() => document.querySelector('#queue-badge').textContent.includes('1')")
    page.wait_for_selector("#queue-list li.q-conflict")
    text = page.inner_text("#queue-list")
    assert "เปลี่ยนจากขั้นเสริมสร้างการเรียนรู้" in text and "กลุ่มทอผ้าบ้านดอน" in text
    assert "เริ่มทำแผน" in page.input_value("#queue-list li.q-conflict textarea.q-data")
    page.screenshot(path=str(ARTIFACTS / "field-conflict.png"), full_page=True)
    visit = Visit.objects.get()
    assert visit.enrolment == a and visit.learned == "สมาชิกทำบัญชีรับจ่ายครบทุกเดือน"
    photo = Photo.objects.get()
    assert list(visit.photos.all()) == [photo]
    with Image.open(photo.image.path) as im:
        assert max(im.size) == 1600 and not im.getexif()

    # the same queue sent twice (another tab, a retry): nothing new
    page.evaluate(
        """async () => {
            await fieldQueue.putMany(window._sent.filter(e => e.kind === 'visit' ? e.label.includes('วังน้ำ') : true)
                .map(e => Object.assign({}, e, {state: 'pending', message: ''})));
            await fieldSync();
        }"""
    )
    assert Visit.objects.count() == 1 and Photo.objects.count() == 1

    # the officer sends the conflicting visit as the unit is now
    page.click("#queue-list li.q-conflict button:has-text('ส่งใหม่ตามขั้นปัจจุบัน')")
    page.wait_for_function("() => document.querySelector('#queue-badge').hidden")
    assert Visit.objects.filter(enrolment=b).count() == 1 and Visit.objects.count() == 2

    # a file that is not a photo: a Thai message, nothing queued
    bogus = tmp_path / "not-a-photo.jpg"
    bogus.write_bytes(b"this is not an image")
    page.select_option("#photo_enrolment", str(a.pk))
    page.set_input_files("#photo_image", str(bogus))
    page.click("#photo button[type=submit]")
    page.wait_for_selector("#field-msg .msg.error")
    assert "เปิดรูปนี้ไม่ได้" in page.inner_text("#field-msg") and page.locator("#queue-badge").is_hidden()

    # the phone's storage is full: a Thai message, nothing claimed as kept
    page.evaluate(
        """() => { IDBObjectStore.prototype.put = function () {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; }"""
    )
    page.click("#stage1 summary")
    page.select_option("#stage1_kind", "briefing")
    page.fill("#stage1_title", "ประชุมชี้แจงเจ้าหน้าที่")
    page.click("#stage1 button[type=submit]")
    page.wait_for_function("() => document.querySelector('#field-msg').textContent.includes('พื้นที่เก็บข้อมูล')")
    assert page.locator("#queue-badge").is_hidden() and not PreparationRecord.objects.exists()
