"""Photos of visits and plan progress: re-encoded without EXIF like the registry's uploads, with a thumbnail that
the unit page, the visit form and the plan page load."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.development.models import Visit
from apps.development.services.media import save_photos
from apps.registry.models import Photo

from .test_supervision import VISIT, _be


def camera_jpeg(name="cam.jpg", size=(3000, 2000)):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (16.0, 49.0, 0.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    buf = io.BytesIO()
    Image.new("RGB", size, (90, 140, 70)).save(buf, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def _read(field_file):
    with field_file.open("rb") as fh:
        return Image.open(io.BytesIO(fh.read()))


@pytest.mark.django_db
def test_visit_photos_are_cleaned_and_shown_as_thumbnails(as_user, unit_e, officer, neighbour):
    c = as_user(officer)
    r = c.post(
        f"/app/development/{unit_e.pk}/visits/new/",
        {**VISIT, "visited_on": _be(timezone.localdate()), "photos": [camera_jpeg()]},
    )
    assert r.status_code == 302
    p = Visit.objects.get().photos.get()
    full, thumb = _read(p.image), _read(p.thumbnail)
    assert full.format == thumb.format == "JPEG" and not full.getexif() and not thumb.getexif()
    assert full.size == (2000, 1333) and thumb.size == (p.thumb_width, p.thumb_height) == (480, 320)
    for page in (
        f"/app/development/{unit_e.pk}/",
        f"/app/development/{unit_e.pk}/visits/{Visit.objects.get().pk}/",
    ):
        html = c.get(page).content.decode()
        assert (
            f'<a href="/app/development/photos/{p.pk}/"><img src="/app/development/photos/{p.pk}/thumb/" '
            f'alt="{p.caption}" loading="lazy" width="480" height="320"></a>'
        ) in html, page
    r = c.get(f"/app/development/photos/{p.pk}/thumb/")
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert as_user(neighbour).get(f"/app/development/photos/{p.pk}/thumb/").status_code == 404


@pytest.mark.django_db
def test_a_broken_file_among_photos_saves_none(unit_e, officer):
    from django.core.exceptions import ValidationError

    broken = SimpleUploadedFile("x.jpg", b"\xff\xd8\xff" + b"\x00" * 200, content_type="image/jpeg")
    with pytest.raises(ValidationError):
        save_photos(
            [camera_jpeg(size=(400, 300)), broken],
            enrolment=unit_e,
            stage=3,
            caption="x",
            taken_on=dt.date(2026, 11, 5),
            by=officer,
        )
    assert not Photo.objects.exists()
