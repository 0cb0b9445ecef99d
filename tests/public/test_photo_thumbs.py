"""Thumbnails on the public site: the same rule as the full photo (public, certified, not hidden), cacheable,
and what the profile gallery and the directory cards load."""

import io

import pytest
from PIL import Image

from apps.public import services
from tests.factories import UnitFactory

from .factories import certified_unit, photo
from .test_profile import url

pytestmark = pytest.mark.django_db


def thumb(p):
    return f"/units/photos/{p.pk}/thumb/"


def test_public_thumbnail_follows_the_public_photo_rule_and_is_cacheable(client, staff):
    unit = certified_unit()
    ok = photo(unit, public=True)
    internal = photo(unit, public=False)
    r = client.get(thumb(ok))
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert (
        r["Cache-Control"] == client.get(f"/units/photos/{ok.pk}/")["Cache-Control"] == "public, max-age=300"
    )
    assert "Vary" not in r or "Cookie" not in r["Vary"]
    assert Image.open(io.BytesIO(b"".join(r.streaming_content))).format == "JPEG"
    ok.refresh_from_db()
    assert ok.thumbnail  # made on this first request, kept
    assert client.get(thumb(internal)).status_code == 404
    assert client.get(thumb(photo(UnitFactory()))).status_code == 404  # a unit that is not certified
    services.hide_profile(services.profile_for(unit), by=staff, reason="ซ่อน")
    assert client.get(thumb(ok)).status_code == 404
    internal.refresh_from_db()
    assert not internal.thumbnail  # nothing is made for a photo the public may not load


def test_profile_gallery_and_directory_cards_load_thumbnails(client, published, staff):
    unit = published.unit
    a, b = photo(unit, caption="ภาพแรก"), photo(unit, caption="ภาพสอง")
    services.choose_photos(published, by=staff, photos=[a, b], cover=a)
    html = client.get(url(unit)).content.decode()
    assert (
        f'<a href="/units/photos/{b.pk}/"><img src="{thumb(b)}" alt="ภาพสอง" loading="lazy" width="320" '
        f'height="220"></a>'
    ) in html
    assert f'<img src="/units/photos/{b.pk}/"' not in html
    # the cover too: its thumbnail on the page, the original only when it is opened
    assert f'<a href="/units/photos/{a.pk}/"><img class="cover" src="{thumb(a)}"' in html
    assert f'src="/units/photos/{a.pk}/"' not in html
    cards = client.get("/units/").content.decode()
    assert (
        f'<img src="{thumb(a)}" alt="" loading="lazy"' in cards
        and f'src="/units/photos/{a.pk}/"' not in cards
    )
