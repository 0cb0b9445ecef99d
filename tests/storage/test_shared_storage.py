"""Uploads and generated files through Django's storage API, on the local folder and on an S3 server (moto on the
loopback): upload, thumbnail, generated PDF (with a stored photo inside), checked download, delete, backup and
restore; a store that is down refuses uploads with a Thai message and leaves nothing half-written."""

import errno
import io
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from botocore.exceptions import EndpointConnectionError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from apps.core import objectstore
from apps.core.models import GeneratedFile
from apps.registry.images import THUMB_SIDE
from apps.registry.models import Photo
from apps.reporting import services as reporting
from tests.development.conftest import sset, unit_e  # noqa: F401 — fixtures
from tests.factories import EnrolmentFactory, UnitFactory, district
from tests.objectstore import closed_port, use_s3
from tests.registry.conftest import jpeg

pytestmark = pytest.mark.django_db


def _upload(client, year, *files):
    return client.post(
        f"/app/districts/6501/years/{year.pk}/photos/upload/",
        {"images": list(files) or [jpeg("wide.jpg", size=(1200, 800))], "caption": "ประชุมชี้แจง", "stage": "1"},
    )


def _body(response):
    return b"".join(response.streaming_content)


def _follow_signed(response, store):
    """A redirect to the store: a short-lived signed URL of its own server, which answers 200 with the file."""
    assert response.status_code == 302, response.status_code
    url = response["Location"]
    assert url.startswith(store.s3.endpoint + "/" + store.bucket + "/"), url
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    assert response["Cache-Control"] == "private, no-store"
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.headers, r.read()


def test_photo_upload_thumbnail_serve_and_delete(
    store, as_user, officer, year, django_capture_on_commit_callbacks
):
    c = as_user(officer)
    with django_capture_on_commit_callbacks(execute=True):  # the worker makes the thumbnail after the upload
        assert _upload(c, year).status_code == 302
    p = Photo.objects.get()
    assert store.names() == sorted([p.image.name, p.thumbnail.name])
    thumb = Image.open(io.BytesIO(store.read(p.thumbnail.name)))
    assert thumb.format == "JPEG" and max(thumb.size) == THUMB_SIDE
    # images shown inside our pages are streamed on both stores (the pages' CSP allows only our own origin)
    for url, name in (
        (f"/app/photos/{p.pk}/thumb/", p.thumbnail.name),
        (f"/app/photos/{p.pk}/image/", p.image.name),
    ):
        r = c.get(url)
        assert r.status_code == 200 and _body(r) == store.read(name)
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post(f"/app/photos/{p.pk}/delete/").status_code == 302
    assert store.names() == [] and not Photo.objects.exists()


def test_old_photo_gets_its_thumbnail_in_the_store(store, as_user, officer, year):
    p = Photo(district_id="6501", year=year, stage=1, caption="ภาพเก่า")
    buf = io.BytesIO()
    Image.new("RGB", (1000, 600), (10, 90, 30)).save(buf, "JPEG")
    p.image.save("old.jpg", ContentFile(buf.getvalue()))
    r = as_user(officer).get(f"/app/photos/{p.pk}/thumb/")
    assert r.status_code == 200
    p.refresh_from_db()
    assert p.thumbnail.name in store.names() and _body(r) == store.read(p.thumbnail.name)


def test_generated_pdf_with_a_stored_photo_then_a_checked_download(
    store, as_user, officer, neighbour, year, django_capture_on_commit_callbacks
):
    EnrolmentFactory(year=year, unit=UnitFactory(name="กลุ่มออมทรัพย์บ้านหนองพิกุล"))
    photo = Photo(district=district("6501"), year=year, stage=1, caption="ประชุมคณะกรรมการ")
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buf, "JPEG")
    photo.image.save("meeting.jpg", ContentFile(buf.getvalue()))
    sub = reporting.get_or_create_submission(year, district("6501"), "photos")
    with django_capture_on_commit_callbacks(execute=True):
        sub = reporting.submit_report(sub, by=officer)
    gf = GeneratedFile.objects.get(pk=sub.pdf_id)
    assert gf.status == GeneratedFile.Status.DONE, gf.error
    # a folder of its own per row: two nodes building the same report never share a name
    assert gf.file.name.split("/")[-2] == str(gf.pk) and gf.file.name in store.names()
    pdf = store.read(gf.file.name)
    assert pdf.startswith(b"%PDF") and b"/Subtype /Image" in pdf  # the photo came from the store into the PDF

    url = f"/app/files/{gf.token}/download/"
    assert as_user(neighbour).get(url).status_code == 404  # checked first, on both stores
    r = as_user(officer).get(url)
    name = gf.file.name.rsplit("/", 1)[-1]
    if store.kind == "s3":
        status, headers, body = _follow_signed(r, store)
        assert status == 200 and body == pdf
        assert headers["Content-Type"] == "application/pdf"
        assert (
            headers["Content-Disposition"].startswith("attachment;")
            and name in headers["Content-Disposition"]
        )
    else:
        assert r.status_code == 200 and _body(r) == pdf
        assert r["Content-Disposition"].startswith("attachment;")


def test_evidence_upload_then_checked_download(store, as_user, unit_e, sset, officer, neighbour):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.development.models import EvidenceFile

    c = as_user(officer)
    c.post(f"/app/development/{unit_e.pk}/assessment/")
    pdf = SimpleUploadedFile("บันทึก การประชุม.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    r = c.post(f"/app/development/{unit_e.pk}/assessment/files/", {"title": "บันทึกการประชุม", "file": pdf})
    assert r.status_code == 302
    ef = EvidenceFile.objects.get()
    assert store.names() == [ef.file.name]
    url = f"/app/development/files/{ef.pk}/"
    assert as_user(neighbour).get(url).status_code == 404
    r = as_user(officer).get(url)
    if store.kind == "s3":
        status, headers, body = _follow_signed(r, store)
        assert status == 200 and body == b"%PDF-1.4 evidence"
        assert headers["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    else:
        assert r.status_code == 200 and _body(r) == b"%PDF-1.4 evidence"
    default_storage.delete(ef.file.name)
    assert as_user(officer).get(url).status_code == 404  # gone from the store: 404, never a 5xx


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_put_every_stored_file_back(store, settings, tmp_path, staff, year):
    settings.BACKUP_KEY = "ทดสอบ storage backup key"
    settings.BACKUP_DIR = tmp_path / "backups"
    unit = UnitFactory(name="กลุ่มสำรองข้อมูล")
    p = Photo(district=unit.district, year=year, unit=unit, stage=1, caption="ภาพสำรอง")
    p.image.save("keep.jpg", ContentFile(b"\xff\xd8 original bytes"))
    default_storage.save("exports/big.bin", ContentFile(bytes(range(256)) * 9000))
    before = {n: store.read(n) for n in store.names()}
    assert len(before) == 2
    archive = tmp_path / "site.backup"
    call_command("backup_site", out=str(archive))

    store.write(p.image.name, b"changed after the backup")
    default_storage.delete("exports/big.bin")
    call_command("restore_site", str(archive), force=True)
    assert {n: store.read(n) for n in store.names()} == before


def test_a_store_that_is_down_refuses_the_upload_in_thai_and_keeps_nothing(
    store, as_user, officer, year, monkeypatch
):
    """Two photos in one upload: the first is written, the second fails: the answer is a Thai page (503), the
    rows are rolled back and the written file removed."""
    from django.core.files.storage import storages

    cls = type(storages["default"])
    real_save = cls._save
    calls = []

    def flaky(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            if store.kind == "s3":
                raise EndpointConnectionError(endpoint_url="http://127.0.0.1:9")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(self, name, content)

    monkeypatch.setattr(cls, "_save", flaky)
    r = _upload(
        as_user(officer), year, jpeg("first.jpg", size=(800, 600)), jpeg("second.jpg", size=(800, 600))
    )
    assert r.status_code == 503 and r["Retry-After"]
    assert "ระบบจัดเก็บไฟล์ขัดข้อง" in r.content.decode() and "ยังไม่ถูกบันทึก" in r.content.decode()
    assert len(calls) == 2
    assert not Photo.objects.exists() and store.names() == []


def test_an_unreachable_object_store_is_a_thai_page_and_a_failed_health_part(
    as_user, officer, year, settings, client
):
    use_s3(settings, f"s3://k:k@mchch?endpoint_url=http://127.0.0.1:{closed_port()}")
    r = _upload(as_user(officer), year)
    assert r.status_code == 503 and "ระบบจัดเก็บไฟล์ขัดข้อง" in r.content.decode()
    assert not Photo.objects.exists()
    health = client.get("/healthz/")
    data = health.json()
    assert health.status_code == 503 and data["status"] == "fail"
    assert data["storage"]["ok"] is False and data["database"]["ok"] and data["cache"]["ok"]


def test_health_and_status_page_report_a_working_store(store, client):
    data = client.get("/healthz/").json()
    assert data["storage"]["ok"] and data["storage"]["backend"] == (
        "s3" if store.kind == "s3" else "filesystem"
    )
    assert store.names() == []  # the probe leaves nothing behind
    from apps.core import status, status_checks

    item = status_checks.storage()
    assert item.state == status.OK


def test_status_page_says_bad_when_the_object_store_is_down(settings):
    from apps.core import status, status_checks

    use_s3(settings, f"s3://k:k@mchch?endpoint_url=http://127.0.0.1:{closed_port()}")
    assert status_checks.storage().state == status.BAD


def test_a_local_write_is_whole_or_absent(settings, monkeypatch):
    """On the local folder the bytes go to .partial/ first; a write that dies midway leaves no file under the
    final name, and .partial/ is never listed (backups walk the listing)."""
    storage = objectstore.LocalStorage()

    class Dying(ContentFile):
        def chunks(self, chunk_size=None):
            yield b"half of "
            raise OSError(errno.EIO, "the disk went away")

    with pytest.raises(OSError):
        storage.save("generated/report.pdf", Dying(b"x"))
    assert not storage.exists("generated/report.pdf")
    assert storage.listdir("")[0] in ([], ["generated"])
    assert list((settings.MEDIA_ROOT / ".partial").iterdir()) == []
    name = storage.save("generated/report.pdf", ContentFile(b"whole"))
    again = storage.save("generated/report.pdf", ContentFile(b"second"))
    assert name == "generated/report.pdf" and again != name  # never overwritten
    assert storage.open(name).read() == b"whole" and storage.open(again).read() == b"second"
    assert ".partial" not in storage.listdir("")[0]
