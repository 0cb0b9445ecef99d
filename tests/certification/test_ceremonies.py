"""Honours with rules and the ceremony's เกียรติบัตร. Guideline 2.12: "จังหวัด/อำเภอเชิดชูเกียรติกลุ่มเป้าหมายที่ผ่านการ
รับรองมาตรฐาน ตามระบบ มชช. … การมอบเกียรติบัตร ใบรับรอง เข็มเชิดชูเกียรติ หรือโล่รางวัลต่าง ๆ"."""

import datetime as dt
import io
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.certification import honours
from apps.certification.models import Ceremony, Honour
from apps.certification.pdf import name_size
from apps.certification.services import revoke_certificate
from apps.core.models import AuditEvent, GeneratedFile
from tests.certification.factories import certificate, certified_enrolment
from tests.factories import district

pytestmark = pytest.mark.django_db
HELD = dt.date(2027, 11, 20)


def _png(size=(600, 200)):
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "PNG")
    return out.getvalue()


def _give(unit, year, by, kind="honour_certificate", giver="province", ceremony=None, on=HELD):
    return honours.record_honour(
        unit=unit,
        year=year,
        by=by,
        kind=kind,
        title="ผ่านการรับรอง มชช. ปีงบประมาณ 2570",
        giver_level=giver,
        given_by="ผู้ว่าราชการจังหวัดพิษณุโลก",
        given_on=on,
        ceremony=ceremony,
    )


@pytest.fixture
def ceremony(year, staff):
    return honours.save_ceremony(
        Ceremony(
            year=year,
            title="พิธีมอบเกียรติบัตร มชช. ปี 2570",
            held_on=HELD,
            place="ศาลากลางจังหวัดพิษณุโลก",
            presiding="ผู้ว่าราชการจังหวัดพิษณุโลก",
            signer_name="นายทดสอบ ลงนามสาธิต",
            signer_position="ผู้ว่าราชการจังหวัดพิษณุโลก",
        ),
        by=staff,
        signature=SimpleUploadedFile("sign.png", _png()),
    )


def test_only_passers_of_the_year_receive_and_only_allowed_givers_give(year, staff, officer):
    not_certified = certified_enrolment(year).unit  # enrolled, outcome certified, but no certificate issued
    with pytest.raises(ValidationError, match="ไม่ได้ผ่านการรับรองในปีงบประมาณ 2570"):
        _give(not_certified, year, staff)
    cert = certificate(year, staff)
    revoke_certificate(cert, by=staff, reason="ตรวจพบภายหลังว่าหยุดดำเนินกิจกรรม")
    with pytest.raises(ValidationError, match="ถูกเพิกถอนแล้ว"):
        _give(cert.unit, year, staff)
    unit = certificate(year, staff).unit
    with pytest.raises(ValidationError, match="อำเภอมอบ “โล่รางวัล” ไม่ได้"):
        _give(unit, year, officer, kind="plaque", giver="district")
    with pytest.raises(ValidationError, match="เฉพาะต้นแบบอำเภอ"):
        _give(unit, year, staff, kind="exemplar_plaque")
    from apps.evaluation.exemplars import nominate

    nominate(year, district("6501"), unit.enrolments.get(year=year), by=officer)
    assert _give(unit, year, staff, kind="exemplar_plaque").kind_id == "exemplar_plaque"
    assert _give(unit, year, officer, giver="district").giver_level == "district"


def test_a_revocation_after_the_honour_flags_it(as_user, year, staff):
    cert = certificate(year, staff)
    _give(cert.unit, year, staff)
    page = as_user(staff).get(f"/app/honours/?year={year.pk}").content.decode()
    assert "ใบรับรองถูกเพิกถอนภายหลัง" not in page
    revoke_certificate(cert, by=staff, reason="ตรวจพบภายหลังว่าหยุดดำเนินกิจกรรม")
    page = as_user(staff).get(f"/app/honours/?year={year.pk}").content.decode()
    assert "ใบรับรองถูกเพิกถอนภายหลัง" in page


def test_edit_needs_a_reason_and_is_audited(as_user, year, staff, officer, stranger):
    h = _give(certificate(year, staff).unit, year, staff)
    url = f"/app/honours/{h.pk}/edit/"
    data = {
        "kind": "proclamation",
        "title": "ประกาศเกียรติคุณผู้ผ่านการรับรอง",
        "giver_level": "province",
        "given_by": "ผู้ว่าราชการจังหวัดพิษณุโลก",
        "given_on": "20/11/2570",
        "ceremony": "",
        "note": "",
    }
    assert as_user(officer).get(url).status_code == 403  # a provincial honour is the province's to correct
    assert as_user(stranger).get(url).status_code == 404
    r = as_user(staff).post(url, {**data, "reason": ""})
    assert r.status_code == 200 and Honour.objects.get().kind_id == "honour_certificate"
    r = as_user(staff).post(url, {**data, "reason": "พิมพ์ประเภทผิด"})
    assert r.status_code == 302
    h.refresh_from_db()
    assert (h.kind_id, h.title) == ("proclamation", "ประกาศเกียรติคุณผู้ผ่านการรับรอง")
    event = AuditEvent.objects.get(action="honour.edited")
    assert event.reason == "พิมพ์ประเภทผิด" and event.before["kind"] == "honour_certificate"


def test_ceremony_images_are_checked(as_user, year, staff, officer):
    form = {
        "year": year.pk,
        "district": "",
        "title": "พิธีมอบ",
        "held_on": "20/11/2570",
        "place": "ศาลากลาง",
        "presiding": "ผู้ว่าราชการจังหวัด",
        "signer_name": "นายทดสอบ ลงนามสาธิต",
        "signer_position": "ผู้ว่าราชการจังหวัดพิษณุโลก",
    }
    c = as_user(staff)
    r = c.post(
        "/app/honours/ceremonies/new/", {**form, "signature_file": SimpleUploadedFile("s.png", b"not a png")}
    )
    assert r.status_code == 200 and "ไฟล์รูปภาพเสียหรือไม่ใช่รูปภาพจริง" in r.content.decode()
    huge = SimpleUploadedFile("s.png", _png((4100, 50)))
    r = c.post("/app/honours/ceremonies/new/", {**form, "signature_file": huge})
    assert r.status_code == 200 and "ด้านยาวไม่เกิน 4000 พิกเซล" in r.content.decode()
    assert not Ceremony.objects.exists()
    # a district cannot hold the province's ceremony; it may hold its own
    r = as_user(officer).post("/app/honours/ceremonies/new/", form)
    assert r.status_code == 200 and "เฉพาะพิธีของอำเภอตนเอง" in r.content.decode()
    r = as_user(officer).post("/app/honours/ceremonies/new/", {**form, "district": "6501"})
    assert r.status_code == 302 and Ceremony.objects.get().district_id == "6501"
    r = as_user(staff).post(
        "/app/honours/ceremonies/new/", {**form, "signature_file": SimpleUploadedFile("s.png", _png())}
    )
    assert r.status_code == 302
    ceremony = Ceremony.objects.get(district__isnull=True)
    assert ceremony.signature.name.startswith("private/signatures/")


def test_the_ceremony_prints_one_page_per_recipient_with_a_working_qr(
    as_user, year, staff, ceremony, tmp_path, django_capture_on_commit_callbacks
):
    certs = [certificate(year, staff) for _ in range(3)]
    long_name = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองน้ำใสพัฒนาร่วมใจ" * 4
    certs[0].unit.name = long_name[:200]
    certs[0].unit.save(update_fields=["name"])
    for cert in certs:
        _give(cert.unit, year, staff, ceremony=ceremony)
    _give(certs[0].unit, year, staff, kind="pin", ceremony=ceremony)  # a pin prints no page
    revoke_certificate(certs[2], by=staff, reason="ตรวจพบภายหลังว่าหยุดดำเนินกิจกรรม")  # flagged, not printed
    with pytest.raises(ValidationError, match="วันที่มอบต้องเป็นวันจัดพิธี"):
        _give(certificate(year, staff).unit, year, staff, ceremony=ceremony, on=dt.date(2027, 11, 21))
    with django_capture_on_commit_callbacks(execute=True):
        r = as_user(staff).post(f"/app/honours/ceremonies/{ceremony.pk}/print/")
    assert r.status_code == 302
    gf = GeneratedFile.objects.get(kind="ceremony_honours_pdf")
    assert gf.status == "done", gf.error
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(gf.file.read())
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert "Pages:           2" in info
    w, h = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert w > h  # landscape
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert "None" not in text and "20 เดือนพฤศจิกายน พ.ศ. 2570" in text
    import zxingcpp

    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", pdf, tmp_path / "p"], check=True)
    png = next(tmp_path.glob("p*.png"))
    found = zxingcpp.read_barcodes(Image.open(png).convert("L"))
    urls = {c.verify_url() for c in certs[:2]}
    assert [b.text for b in found] and found[0].text in urls
    # only who may manage the ceremony prints it
    assert as_user(staff).get(f"/app/honours/ceremonies/{ceremony.pk}/").status_code == 200


def test_a_long_name_shrinks_within_the_sheet():
    assert name_size("กลุ่มออมทรัพย์บ้านสระโคล่") == 36
    long = name_size("ก" * 200)
    assert 15 <= long < 36
    assert name_size("ก" * 2000) == 15
