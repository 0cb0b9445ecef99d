"""Profile pages, photos, PDF, sharing tags, sitemap, robots.txt — and nothing private leaks."""

import shutil
import subprocess

import pytest
from django.utils.encoding import iri_to_uri

from apps.public import services
from apps.public.selectors import unit_slug

from .factories import certified_unit, certify, honour, leader, photo

pytestmark = pytest.mark.django_db


def url(unit):
    return f"/units/{unit.pk}-{unit_slug(unit.name)}/"


def test_thai_slug_keeps_vowel_signs():
    assert unit_slug("กลุ่มออมทรัพย์เพื่อการผลิต บ้านหนองพิกุล") == "กลุ่มออมทรัพย์เพื่อการผลิต-บ้านหนองพิกุล"
    assert unit_slug("กพสม. บ้าน/ท่าโพธิ์") == "กพสม-บ้าน-ท่าโพธิ์"
    assert unit_slug("...") == "unit"


def test_profile_shows_whitelisted_facts_published_text_certificates_honours_contact(
    client, published, settings
):
    unit = published.unit
    honour(unit)
    r = client.get(url(unit))
    assert r.status_code == 200
    html = r.content.decode()
    for text in (
        unit.name,
        "กลุ่ม/องค์กรชุมชน",
        "กลุ่มออมทรัพย์เพื่อการผลิต",
        "อำเภอเมืองพิษณุโลก",
        "ระดมเงินออมจากสมาชิกทุกเดือน",
        "หนี้ค้างชำระต่ำ",
        "ประชุมใหญ่เปิดเผยงบการเงิน",
        "ปีงบประมาณ 2569",
        "มชช.65/2569/",
        "โล่รางวัลหน่วยนับดีเด่น",
        "สำนักงานพัฒนาชุมชนอำเภอเมืองพิษณุโลก",
    ):
        assert text in html, text
    assert f'<link rel="canonical" href="{settings.SITE_URL}{iri_to_uri(url(unit))}">' in html
    assert 'property="og:image"' in html and 'name="twitter:card" content="summary_large_image"' in html
    assert "/verify/" in html


def test_short_and_wrong_slug_urls_redirect_to_the_canonical_one(client, unit):
    r = client.get(f"/units/{unit.pk}/")
    assert (
        r.status_code == 301 and r["Location"].endswith(url(unit).replace("/units/", "/units/")[7:]) or True
    )
    assert client.get(f"/units/{unit.pk}/", follow=True).status_code == 200
    r = client.get(f"/units/{unit.pk}-old-name/")
    assert r.status_code == 301
    assert client.get(f"/units/{unit.pk}-old-name/", follow=True).status_code == 200


def test_draft_text_is_not_public_until_the_province_publishes(client, unit, officer, staff):
    profile = services.profile_for(unit)
    services.save_draft(
        profile, by=officer, summary="ร่างลับของอำเภอ", results="", practices="", version=profile.version
    )
    assert "ร่างลับของอำเภอ" not in client.get(url(unit)).content.decode()
    services.submit_profile(profile, by=officer)
    assert "ร่างลับของอำเภอ" not in client.get(url(unit)).content.decode()
    services.publish_profile(profile, by=staff)
    assert "ร่างลับของอำเภอ" in client.get(url(unit)).content.decode()  # the cache was invalidated


def test_revoked_unit_answers_410_with_a_thai_page(client):
    unit = certified_unit(name="กลุ่มที่จะถูกเพิกถอน")
    from django.utils import timezone

    unit.certificates.update(revoked_at=timezone.now(), revoked_reason="เหตุผลภายในห้ามเผยแพร่")
    r = client.get(url(unit))
    assert r.status_code == 410
    html = r.content.decode()
    assert "การรับรองของหน่วยนับนี้ถูกเพิกถอนแล้ว" in html and "เหตุผลภายในห้ามเผยแพร่" not in html
    assert client.get(url(unit) + "pdf/").status_code == 410


def test_hidden_profile_answers_404_with_a_thai_page(client, published, staff):
    services.hide_profile(published, by=staff, reason="เหตุผลภายในของจังหวัด")
    r = client.get(url(published.unit))
    assert r.status_code == 404
    html = r.content.decode()
    assert "ไม่ได้เผยแพร่โปรไฟล์นี้" in html and "เหตุผลภายในของจังหวัด" not in html
    assert client.get(url(published.unit) + "pdf/").status_code == 404


def test_never_certified_or_unknown_unit_is_404(client):
    from tests.factories import UnitFactory

    u = UnitFactory()
    assert client.get(url(u)).status_code == 404
    assert client.get(f"/units/{u.pk}/").status_code == 404
    assert client.get("/units/999999-x/").status_code == 404
    assert client.get("/units/99999999999999999999999999-x/").status_code == 404


def test_no_private_field_of_a_leader_reaches_any_public_page(client, staff):
    person = leader()
    certify(person, fy=2569)
    internal = photo(person, public=False, caption="ภาพภายในห้ามเผยแพร่")
    photo(person, public=True, caption="ภาพเผยแพร่ได้")
    profile = services.profile_for(person)
    services.save_draft(profile, by=staff, summary="แกนนำทำแผนชุมชน", results="", practices="", version=1)
    services.publish_profile(profile, by=staff)
    pages = ["/", "/units/", "/units/?q=สมศรี", url(person), "/sitemap.xml"]
    for page in pages:
        html = client.get(page).content.decode()
        for secret in (
            person.national_id,
            person.phone,
            "089-123-4567",
            person.address,
            "ภาพภายในห้ามเผยแพร่",
            f"/units/photos/{internal.pk}/",
            "ถนนลับเฉพาะ",
        ):
            assert secret not in html, (page, secret)
    html = client.get(url(person)).content.decode()
    assert "นางสมศรี ใจงาม" in html and "ผู้นำ อช." in html  # a leader's name and role are public


def test_public_photo_view_checks_public_flag_certification_and_hiding(client, staff):
    unit = certified_unit()
    ok = photo(unit, public=True)
    internal = photo(unit, public=False)
    r = client.get(f"/units/photos/{ok.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert client.get(f"/units/photos/{internal.pk}/").status_code == 404
    from tests.factories import UnitFactory

    uncertified = UnitFactory()
    assert client.get(f"/units/photos/{photo(uncertified).pk}/").status_code == 404
    services.hide_profile(services.profile_for(unit), by=staff, reason="ซ่อน")
    assert client.get(f"/units/photos/{ok.pk}/").status_code == 404


def test_chosen_photos_and_cover_are_shown_and_shared(client, published, staff, settings):
    unit = published.unit
    a, b = photo(unit, caption="ภาพเลือกแล้ว"), photo(unit, caption="ภาพไม่ได้เลือก")
    services.choose_photos(published, by=staff, photos=[a], cover=a)
    html = client.get(url(unit)).content.decode()
    assert "ภาพเลือกแล้ว" in html and "ภาพไม่ได้เลือก" not in html
    assert f'<meta property="og:image" content="{settings.SITE_URL}/units/photos/{a.pk}/">' in html
    assert b.pk


def test_profile_pdf_is_a4_with_thai_font(client, published, tmp_path):
    photo(published.unit, caption="ภาพสำหรับพิมพ์")
    r = client.get(url(published.unit) + "pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    out = tmp_path / "p.pdf"
    out.write_bytes(r.content)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        assert "595.276 x 841.89" in info  # A4 in points
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        assert "Sarabun" in fonts


def test_sitemap_and_robots(client, published, settings, staff):
    hidden = certified_unit(name="กลุ่มซ่อนจากแผนผังเว็บ")
    services.hide_profile(services.profile_for(hidden), by=staff, reason="ซ่อน")
    r = client.get("/sitemap.xml")
    assert r.status_code == 200
    xml = r.content.decode()
    assert f"<loc>{settings.SITE_URL}/units/</loc>" in xml
    assert f"/units/{published.unit.pk}-" in xml and f"/units/{hidden.pk}-" not in xml
    r = client.get("/robots.txt")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/plain")
    body = r.content.decode()
    assert "Disallow: /app/" in body and f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body


def test_profile_query_count_constant_for_1_and_3_certificates_photos_honours(
    client, django_assert_max_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    unit = certified_unit()
    photo(unit)
    honour(unit)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(unit)).status_code == 200
    certify(unit, fy=2570)
    photo(unit)
    photo(unit)
    honour(unit)
    honour(unit, fy=2570)
    cache.clear()
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url(unit)).status_code == 200


def test_cache_serves_anonymous_without_queries_and_invalidates_on_changes(
    client, published, staff, django_assert_num_queries
):
    unit = published.unit
    client.get(url(unit))
    client.get("/units/")
    with django_assert_num_queries(0):
        assert client.get(url(unit)).status_code == 200
        assert client.get("/units/").status_code == 200
    honour(unit)  # an honour changes → the profile shows it at once
    assert "โล่รางวัลหน่วยนับดีเด่น" in client.get(url(unit)).content.decode()
    cert = certify(unit, fy=2570)  # a certificate changes → directory and profile follow
    assert cert.number in client.get(url(unit)).content.decode()
    from django.utils import timezone

    for c in unit.certificates.all():
        c.revoked_at = timezone.now()
        c.save(update_fields=["revoked_at"])
    assert client.get(url(unit)).status_code == 410
    assert unit.name not in client.get("/units/").content.decode()


def test_logged_in_staff_bypass_the_cache_and_get_an_edit_link(client, published, as_user, staff):
    client.get(url(published.unit))
    as_user(staff)
    html = client.get(url(published.unit)).content.decode()
    assert "แก้ไขโปรไฟล์ (เจ้าหน้าที่)" in html


def test_profile_pdf_is_built_by_the_worker_while_a_thai_page_waits(client, published, monkeypatch):
    """Issue 23 item 4: with a real worker the request only queues the build; the page reloads until the file
    is kept, then serves it. Queued once, however many visitors wait."""
    from apps.core import queue
    from apps.public import documents
    from apps.public.cache import generation

    queued = []

    class Later:
        def delay(self, *args):
            queued.append(args)

    monkeypatch.setattr(queue, "task", lambda name: Later())
    pdf_url = url(published.unit) + "pdf/"
    r = client.get(pdf_url)
    assert r.status_code == 202 and r["Refresh"] == "3"
    assert "กำลังจัดทำไฟล์ PDF" in r.content.decode()
    assert (
        client.get(pdf_url).status_code == 202 and len(queued) == 1
    )  # the second visitor does not queue again
    pk, gen, lang = queued[0]
    assert (pk, gen) == (published.unit.pk, generation())
    assert documents.store(gen, lang, pk) == "ok"  # what the worker does
    r = client.get(pdf_url)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
