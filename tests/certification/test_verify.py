"""Public verification: /verify/<code>/ (QR) and /verify/ (typed code), without login (DESIGN §6:
404 for an unknown code), rate-limited, each check logged, nothing private shown."""

import datetime as dt
import subprocess

import pytest
from django.utils import timezone
from PIL import Image

from apps.certification import services
from apps.certification.models import VerificationLog
from apps.certification.pdf import render_certificates_pdf

pytestmark = pytest.mark.django_db


def test_valid_certificate_page(client, cert):
    cert.unit.national_id, cert.unit.phone = "3650100123456", "0812345678"
    cert.unit.save()
    r = client.get(f"/verify/{cert.code}/")
    body = r.content.decode()
    assert r.status_code == 200
    assert "ใบรับรองนี้ถูกต้องและใช้ได้" in body
    for text in (cert.number, cert.unit.name, "กลุ่ม/องค์กรชุมชน", "เมืองพิษณุโลก", "พิษณุโลก", "27 สิงหาคม 2570"):
        assert text in body
    assert "3650100123456" not in body and "0812345678" not in body
    log = VerificationLog.objects.get()
    assert (log.code, log.result, log.certificate, log.ip) == (cert.code, "valid", cert, "127.0.0.1")


def test_revoked_certificate_page(client, cert, staff, as_user):
    """Issue 19: the public learns that the certificate was revoked and when, never why; staff keep the reason."""
    from apps.core.thaidates import format_date

    services.revoke_certificate(cert, by=staff, reason="กลุ่มยุบเลิกก่อนวันประเมิน")
    cert.refresh_from_db()
    body = client.get(f"/verify/{cert.code}/").content.decode()
    assert "ถูกเพิกถอนแล้ว" in body and "เพิกถอนเมื่อ" in body
    assert format_date(timezone.localtime(cert.revoked_at).date()) in body
    assert "กลุ่มยุบเลิกก่อนวันประเมิน" not in body and "เหตุผล" not in body
    assert staff.get_full_name() not in body
    assert VerificationLog.objects.get().result == "revoked"
    staff_page = as_user(staff).get(f"/app/certificates/{cert.pk}/").content.decode()
    assert "กลุ่มยุบเลิกก่อนวันประเมิน" in staff_page


def test_expired_certificate_page(client, cert, staff):
    services.set_award_date(cert, by=staff, awarded_on=None, valid_until=dt.date(2027, 9, 1))
    cert.refresh_from_db()
    cert.certified_on, cert.valid_until = dt.date(2020, 8, 27), dt.date(2021, 9, 30)
    cert.save()
    body = client.get(f"/verify/{cert.code}/").content.decode()
    assert "หมดอายุแล้ว" in body and "30 กันยายน 2564" in body
    assert VerificationLog.objects.get().result == "expired"


def test_unknown_code_is_a_thai_404(client, cert):
    r = client.get("/verify/ABCDEFGHJKMN/")
    assert r.status_code == 404 and "ไม่พบใบรับรอง" in r.content.decode()
    r = client.get("/verify/<script>alert(1)<script>/")
    assert r.status_code == 404 and "<script>alert" not in r.content.decode()
    r = client.get("/verify/' OR 1=1 --/")
    assert r.status_code == 404
    assert list(VerificationLog.objects.order_by("pk").values_list("result", flat=True)) == [
        "unknown",
        "malformed",
        "malformed",
    ]


def test_lowercase_or_dashed_code_redirects_to_the_canonical_page(client, cert):
    r = client.get(f"/verify/{cert.display_code.lower()}/")
    assert r.status_code == 302 and r["Location"] == f"/verify/{cert.code}/"


def test_typed_code_form(client, cert):
    assert client.get("/verify/").status_code == 200
    typed = " " + cert.display_code.lower().replace("-", " ") + " "
    r = client.get("/verify/", {"code": typed})
    assert r.status_code == 302 and r["Location"] == f"/verify/{cert.code}/"
    r = client.get("/verify/", {"code": "12-34"})
    assert r.status_code == 400 and "ไม่ถูกต้อง" in r.content.decode()
    r = client.get("/verify/", {"code": "   "})
    assert r.status_code == 400 and "กรุณากรอกรหัสตรวจสอบ" in r.content.decode()
    assert VerificationLog.objects.filter(result="malformed").count() == 1


def test_rate_limit_per_ip(client, cert, settings):
    settings.VERIFY_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get(f"/verify/{cert.code}/").status_code == 200
    r = client.get(f"/verify/{cert.code}/")
    assert r.status_code == 429 and "ตรวจสอบบ่อยเกินไป" in r.content.decode() and r["Retry-After"] == "60"
    assert client.get("/verify/", {"code": cert.code}).status_code == 429
    assert client.get(f"/verify/{cert.code}/", REMOTE_ADDR="10.0.0.9").status_code == 200  # another IP
    assert VerificationLog.objects.count() == 4


def test_qr_on_the_pdf_opens_a_valid_page(client, cert, tmp_path):
    """Done means (issue 7): the certificate PDF carries a QR code that, scanned, says valid."""
    import zxingcpp

    (tmp_path / "c.pdf").write_bytes(render_certificates_pdf([cert]))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", tmp_path / "c.pdf", tmp_path / "c"], check=True
    )
    found = zxingcpp.read_barcodes(Image.open(tmp_path / "c.png").convert("L"))
    assert [b.text for b in found] == [cert.verify_url()]
    path = found[0].text.split("://", 1)[1].split("/", 1)[1]
    r = client.get("/" + path)
    assert r.status_code == 200 and "ใบรับรองนี้ถูกต้องและใช้ได้" in r.content.decode()


def test_pdf_is_thai_landscape_with_sarabun(cert, tmp_path):
    out = tmp_path / "c.pdf"
    out.write_bytes(render_certificates_pdf([cert]))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.276" in info or "842 x 595" in info  # A4 landscape in points
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Sarabun" in fonts and "DejaVu" not in fonts
