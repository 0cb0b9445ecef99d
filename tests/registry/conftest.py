import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.registry.thaiid import check_digit
from tests.factories import VillageFactory


def national_id(first12="110170020345"):
    return first12 + str(check_digit(first12))


def jpeg(name="p.jpg", size=(40, 30), color=(200, 80, 40), exif_gps=False):
    from PIL import Image

    im = Image.new("RGB", size, color)
    buf = io.BytesIO()
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (16.0, 49.0, 0.0)}  # GPSInfo
        exif[0x010F] = "PhoneMaker"
        kwargs["exif"] = exif
    im.save(buf, "JPEG", **kwargs)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


@pytest.fixture
def village(db):
    return VillageFactory(subdistrict_id="650101", moo=1, name="หนองพิกุล")


@pytest.fixture
def officer2(db):
    """A second field officer of 6501 (mentor reassignment)."""
    from tests.factories import Role, district, with_role

    return with_role(Role.DISTRICT_OFFICER, district=district("6501"))
