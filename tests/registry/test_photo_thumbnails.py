"""Photo thumbnails: made on upload (≤ 480 px, no EXIF), made once on first request for older photos, served
behind the same access check as the full image, and shown by the list pages."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from apps.registry import services_stage1
from apps.registry.images import THUMB_SIDE
from apps.registry.models import Photo
from tests.factories import UnitFactory, district

from .conftest import jpeg

pytestmark = pytest.mark.django_db


def _upload_url(year):
    return f"/app/districts/6501/years/{year.pk}/photos/upload/"


def _open(field_file):
    with field_file.open("rb") as fh:
        im = Image.open(io.BytesIO(fh.read()))
        im.load()
    return im


def _old_photo(year, *, data=None, name="old.jpg", **kw):
    """A photo saved the way seed data and rows from before thumbnails were: an image, no thumbnail."""
    p = Photo(district_id="6501", year=year, stage=1, caption=kw.pop("caption", "ภาพเก่า"), **kw)
    if data is None:
        buf = io.BytesIO()
        Image.new("RGB", (1200, 800), (40, 120, 60)).save(buf, "JPEG")
        data = buf.getvalue()
    p.image.save(name, ContentFile(data), save=False)
    p.save()
    return p


def _files(settings, folder):
    root = settings.MEDIA_ROOT / folder
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_upload_stores_a_small_thumbnail_without_exif(
    as_user, officer, year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        r = as_user(officer).post(
            _upload_url(year),
            {
                "images": [
                    jpeg("wide.jpg", size=(2400, 1600), exif_gps=True),
                    jpeg("tall.png", size=(600, 1800)),
                ],
                "caption": "ประชุมชี้แจง",
                "stage": "1",
            },
        )
    assert r.status_code == 302, r.content.decode()[:2000]
    # The request only stored the images; the worker makes the thumbnails once the upload has committed.
    assert not Photo.objects.exclude(thumbnail="").exists()
    for callback in queued:
        callback()  # the thumbnail task among them, run eagerly here
    photos = {p.image.size: p for p in Photo.objects.all()}  # any order
    assert len(photos) == 2
    for p in photos.values():
        assert p.thumbnail.name.startswith("photos/thumbs/") and p.thumbnail.name != p.image.name
        thumb, full = _open(p.thumbnail), _open(p.image)
        assert thumb.format == "JPEG" and not thumb.getexif() and "exif" not in thumb.info
        assert max(thumb.size) == THUMB_SIDE and (p.thumb_width, p.thumb_height) == thumb.size
        assert max(full.size) <= 2000
        assert p.thumbnail.size < p.image.size
    sizes = sorted((p.thumb_width, p.thumb_height) for p in photos.values())
    assert sizes == [(160, 480), (480, 320)]  # the aspect ratio is kept


def test_upload_is_all_or_nothing_files_included(officer, year, settings):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    broken = SimpleUploadedFile("broken.jpg", b"\xff\xd8\xff" + b"\x00" * 300, content_type="image/jpeg")
    with pytest.raises(ValidationError, match="broken.jpg: ไฟล์รูปภาพเสีย"):
        services_stage1.upload_photos(
            district("6501"),
            year,
            [jpeg("ok.jpg"), jpeg("ok2.jpg"), broken],
            by=officer,
            caption="x",
            stage=2,
        )
    assert not Photo.objects.exists() and _files(settings, "photos") == []


def test_old_photo_gets_its_thumbnail_once_on_first_request(as_user, officer, year, settings):
    old = _old_photo(year)
    assert not old.thumbnail
    c = as_user(officer)
    r = c.get(f"/app/photos/{old.pk}/thumb/")
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert r["Cache-Control"] == "private, max-age=3600"
    im = Image.open(io.BytesIO(b"".join(r.streaming_content)))
    assert im.size == (480, 320) and not im.getexif()
    old.refresh_from_db()
    assert old.thumbnail and (old.thumb_width, old.thumb_height) == (480, 320)
    made = _files(settings, "photos/thumbs")
    assert len(made) == 1
    assert c.get(f"/app/photos/{old.pk}/thumb/").status_code == 200
    assert _files(settings, "photos/thumbs") == made  # kept, not made again
    old.refresh_from_db()
    assert old.thumbnail.name.endswith(made[0].name)


def test_lazy_thumbnail_turns_a_camera_photo_upright(year):
    """Rows saved before uploads were re-encoded may still carry the camera's orientation tag."""
    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    Image.new("RGB", (960, 480), (10, 20, 30)).save(buf, "JPEG", exif=exif)
    p = _old_photo(year, data=buf.getvalue())
    services_stage1.ensure_thumbnail(p)
    assert (p.thumb_width, p.thumb_height) == (240, 480)
    assert _open(p.thumbnail).size == (240, 480)


def test_a_thumbnail_made_meanwhile_by_another_request_is_kept(year, settings):
    old = _old_photo(year)
    stale = Photo.objects.get(pk=old.pk)
    services_stage1.ensure_thumbnail(old)
    first = old.thumbnail.name
    services_stage1.ensure_thumbnail(
        stale
    )  # a second request that read the row before the first one wrote it
    assert stale.thumbnail.name == first
    assert len(_files(settings, "photos/thumbs")) == 1  # its own copy was removed


def test_missing_or_broken_image_gives_404_and_saves_nothing(as_user, officer, year):
    broken = _old_photo(year, data=b"\xff\xd8\xff not really a jpeg", name="broken.jpg")
    gone = _old_photo(year, caption="ไฟล์หาย")
    gone.image.storage.delete(gone.image.name)
    c = as_user(officer)
    for p in (broken, gone):
        assert c.get(f"/app/photos/{p.pk}/thumb/").status_code == 404
        assert c.get(f"/app/development/photos/{p.pk}/thumb/").status_code == 404
        p.refresh_from_db()
        assert not p.thumbnail


@pytest.mark.parametrize("url", ["/app/photos/{pk}/thumb/", "/app/development/photos/{pk}/thumb/"])
def test_thumbnail_access_is_the_full_images(
    client, as_user, url, officer, staff, national, neighbour, stranger, year
):
    p = _old_photo(year)
    for user in (officer, staff, national):
        assert as_user(user).get(url.format(pk=p.pk)).status_code == 200
    for user in (neighbour, stranger):
        assert as_user(user).get(url.format(pk=p.pk)).status_code == 404
    client.logout()
    r = client.get(url.format(pk=p.pk))
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")


def test_photos_page_shows_thumbnails_linked_to_full_images(
    as_user, officer, year, django_capture_on_commit_callbacks
):
    unit = UnitFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services_stage1.upload_photos(
            district("6501"), year, [jpeg(size=(900, 600))], by=officer, caption="ภาพใหม่", stage=2, unit=unit
        )
    old = _old_photo(year)
    html = as_user(officer).get(f"/app/districts/6501/years/{year.pk}/photos/").content.decode()
    new = Photo.objects.exclude(pk=old.pk).get()
    assert (
        f'<a href="/app/photos/{new.pk}/image/"><img src="/app/photos/{new.pk}/thumb/" alt="ภาพใหม่" '
        f'loading="lazy" width="480" height="320"></a>'
    ) in html
    assert (
        f'<img src="/app/photos/{old.pk}/thumb/" alt="ภาพเก่า" loading="lazy">' in html
    )  # size not known yet
    assert (
        f'src="/app/photos/{new.pk}/image/"' not in html and f'src="/app/photos/{old.pk}/image/"' not in html
    )
    unit_html = as_user(officer).get(f"/app/units/{unit.pk}/").content.decode()
    assert f'src="/app/photos/{new.pk}/thumb/"' in unit_html


def test_photos_page_query_count_is_constant(as_user, officer, year, django_assert_num_queries):
    c = as_user(officer)
    url = f"/app/districts/6501/years/{year.pk}/photos/"
    _old_photo(year, unit=UnitFactory())
    c.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert c.get(url).status_code == 200
    d6501 = district("6501")
    for k in range(4):
        services_stage1.upload_photos(
            d6501, year, [jpeg(), jpeg()], by=officer, caption=f"ภาพ {k}", stage=2, unit=UnitFactory()
        )
        _old_photo(year, caption=f"เก่า {k}", unit=UnitFactory())
    with django_assert_num_queries(len(one.captured_queries)):
        html = c.get(url).content.decode()
    assert html.count("/thumb/") == 13


def test_delete_removes_image_and_thumbnail(
    as_user, officer, year, settings, django_capture_on_commit_callbacks
):
    d6501 = district("6501")
    with django_capture_on_commit_callbacks(execute=True):
        (p,) = services_stage1.upload_photos(d6501, year, [jpeg()], by=officer, caption="ลบ", stage=1)
    assert len(_files(settings, "photos")) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert as_user(officer).post(f"/app/photos/{p.pk}/delete/").status_code == 302
    assert _files(settings, "photos") == []


def test_make_thumbnails_command_fills_old_rows(year, settings):
    ok = _old_photo(year)
    broken = _old_photo(year, data=b"nope", name="broken.jpg")
    out, err = io.StringIO(), io.StringIO()
    call_command("make_thumbnails", stdout=out, stderr=err)
    assert "thumbnails made 1, failed 1" in out.getvalue() and f"photo {broken.pk}" in err.getvalue()
    ok.refresh_from_db()
    assert ok.thumbnail and ok.thumb_width == 480


def test_a_failed_write_leaves_no_stray_thumbnail_file(year, settings, monkeypatch):
    from django.db import OperationalError
    from django.db.models import QuerySet

    old = _old_photo(year)

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(QuerySet, "update", locked)
    with pytest.raises(OperationalError):
        services_stage1.ensure_thumbnail(old)
    assert _files(settings, "photos/thumbs") == []


def test_image_views_commit_each_thumbnail_on_its_own():
    """A page asks for many thumbnails at once; with SQLite, fills inside request transactions lock each other."""
    from django.urls import resolve

    for url in ("/app/photos/1/thumb/", "/app/development/photos/1/thumb/", "/units/photos/1/thumb/"):
        assert "default" in getattr(resolve(url).func, "_non_atomic_requests", set()), url
