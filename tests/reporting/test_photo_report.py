"""The district's photo report (guideline 2.7.3) and the province's annual summary print the photos of every
stage the district chose, as thumbnails in a grid (issue 22 item 2)."""

import datetime as dt
import io
import re
import subprocess
import unicodedata

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from apps.registry.enums import Stage
from apps.registry.models import Photo
from apps.registry.services_stage1 import ensure_thumbnail
from apps.reporting import documents
from apps.reporting.selectors import province_summary
from apps.reporting.snapshot import build_snapshot
from tests.factories import district

pytestmark = pytest.mark.django_db


def _photo(year, unit, stage, caption, *, code="6501", chosen=False, order=0, thumb=True):
    buf = io.BytesIO()
    Image.new("RGB", (1600, 1200), (40 + stage * 30, 120, 200 - stage * 20)).save(buf, "JPEG")
    p = Photo(
        district=district(code),
        year=year,
        unit=unit,
        stage=stage,
        caption=caption,
        taken_on=dt.date(2026, 10, 10 + stage),
        in_report=chosen,
        report_order=order,
    )
    p.image.save("big.jpg", ContentFile(buf.getvalue()), save=False)
    p.save()
    if thumb:
        ensure_thumbnail(p)
    return p


def flat(text):
    """Without spaces, nikhahit and tone marks (pdftotext writes sara am as nikhahit + sara aa and drops some
    stacked tone marks); both sides are compared so (the layout itself is looked at as PNG)."""
    return re.sub(r"[\s\u0e48-\u0e4b\u0e4d]+", "", unicodedata.normalize("NFKC", text))


def _pdf_text_and_images(pdf, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = flat(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True).stdout
    rows = [line.split() for line in images.splitlines()[2:] if line.strip()]
    return text, [(int(r[3]), int(r[4])) for r in rows]  # width, height of each image drawn


def test_district_report_prints_the_chosen_thumbnails_per_stage(year, units, settings, tmp_path):
    settings.REPORT_PHOTOS_PER_STAGE = 2
    group, leader = units[0].unit, units[1].unit
    for i in range(3):
        _photo(year, group, Stage.RECRUITMENT, f"เวทีประชาคมครั้งที่ {i + 1}", chosen=i > 0, order=3 - i)
    _photo(year, leader, Stage.RECRUITMENT, "ผู้นำ อช. ลงพื้นที่")
    _photo(year, leader, Stage.REINFORCEMENT, "ทำแผนพัฒนาตนเอง", thumb=False)  # the worker has not run yet
    _photo(year, None, Stage.PREPARATION, "ประชุมคณะทำงานอำเภอ")
    _photo(year, units[2].unit, Stage.PREPARATION, "ภาพของอำเภออื่น", code="6502")
    snap = build_snapshot(year, district("6501"), "photos")
    captions = [p["caption"] for p in snap["photos"]]
    assert captions == [
        "ประชุมคณะทำงานอำเภอ",
        "เวทีประชาคมครั้งที่ 3",  # the district's order
        "เวทีประชาคมครั้งที่ 2",
        "ผู้นำ อช. ลงพื้นที่",  # nothing chosen: the first taken
        "ทำแผนพัฒนาตนเอง",
    ]
    assert all(p["thumb"].startswith("photos/thumbs/") for p in snap["photos"][:4])
    assert snap["photos"][4]["thumb"] == ""
    ctx = documents.submission_context(snap)
    assert [(s["stage"], [g["name"] for g in s["groups"]]) for s in ctx["photo_stages"]] == [
        (1, ["งานของอำเภอ"]),
        (2, ["กลุ่มออมทรัพย์บ้านหนองพิกุล", "นายบุญมี ทองดี"]),
        (3, ["นายบุญมี ทองดี"]),
    ]
    text, images = _pdf_text_and_images(documents.submission_pdf(snap), tmp_path)
    assert flat("ขั้นตอนที่ 2") in text and flat("เวทีประชาคมครั้งที่ 3") in text
    assert flat("ภาพของอำเภออื่น") not in text and flat("เวทีประชาคมครั้งที่ 1") not in text
    assert len(images) == 5
    # thumbnails (≤ 480 px), except the one whose thumbnail was not made yet (its original, ≤ 2000 px)
    assert sorted(max(w, h) for w, h in images) == [480, 480, 480, 480, 1600]


def test_province_summary_prints_each_districts_chosen_photos(year, units, settings, tmp_path):
    settings.REPORT_PHOTOS_PER_STAGE = 1
    _photo(year, units[0].unit, Stage.RECRUITMENT, "เวทีประชาคมหนองพิกุล")
    _photo(year, units[1].unit, Stage.RECRUITMENT, "ภาพที่อำเภอเลือก", chosen=True, order=1)
    _photo(year, units[2].unit, Stage.PREPARATION, "ประชุมที่นครไทย", code="6502")
    ctx = province_summary(year)
    assert [(p["district"], p["caption"]) for p in ctx["photos"]] == [
        (district("6501").name_th, "ภาพที่อำเภอเลือก"),
        (district("6502").name_th, "ประชุมที่นครไทย"),
    ]
    text, images = _pdf_text_and_images(documents.province_summary_pdf(ctx), tmp_path)
    assert all(flat(t) in text for t in ("ภาพกิจกรรมรายขั้นตอน", "ภาพที่อำเภอเลือก", "ประชุมที่นครไทย"))
    assert flat("เวทีประชาคมหนองพิกุล") not in text
    assert len(images) == 2 and all(max(w, h) == 480 for w, h in images)


def test_report_page_links_thumbnails_to_originals(as_user, officer, year, units):
    p = _photo(year, units[0].unit, Stage.RECRUITMENT, "ภาพบนหน้ารายงาน", chosen=True, order=1)
    html = as_user(officer).get(f"/app/reports/{year.pk}/6501/photos/").content.decode()
    assert f'src="/app/photos/{p.pk}/thumb/"' in html and f'href="/app/photos/{p.pk}/image/"' in html
    assert f'src="/app/photos/{p.pk}/image/"' not in html
