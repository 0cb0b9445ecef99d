"""Staff pages: provincial staff issue, revoke, date and print; a district officer reads its own district;
national reads; neighbour and stranger get 404."""

import datetime as dt

import pytest

from apps.certification.models import Certificate
from apps.core.models import AuditEvent, GeneratedFile
from apps.registry.enums import Outcome

from .factories import certificate, certified_enrolment

pytestmark = pytest.mark.django_db


def test_list_for_each_persona(
    as_user, cert, neighbour_cert, staff, officer, national, neighbour, stranger, year
):
    url = f"/app/certificates/?year={year.pk}"
    body = as_user(staff).get(url).content.decode()
    assert cert.number in body and neighbour_cert.number in body and "พิมพ์ใบรับรองทั้งปี" in body
    body = as_user(officer).get(url).content.decode()
    assert cert.number in body and neighbour_cert.number not in body and "พิมพ์ใบรับรองทั้งปี" not in body
    assert cert.number in as_user(national).get(url).content.decode()
    assert as_user(stranger).get(url).status_code == 404
    assert as_user(staff).get("/app/certificates/").status_code == 200  # picks the year with certificates


def test_list_filters(as_user, staff, year, cert, neighbour_cert):
    c = as_user(staff)
    body = c.get(f"/app/certificates/?year={year.pk}&district=6502").content.decode()
    assert neighbour_cert.number in body and cert.number not in body
    body = c.get(f"/app/certificates/?year={year.pk}&q={cert.unit.name}").content.decode()
    assert cert.number in body and neighbour_cert.number not in body
    c.post(f"/app/certificates/{cert.pk}/revoke/", {"reason": "ข้อมูลไม่ถูกต้อง"})
    body = c.get(f"/app/certificates/?year={year.pk}&status=revoked").content.decode()
    assert cert.number in body and neighbour_cert.number not in body
    body = c.get(f"/app/certificates/?year={year.pk}&status=not_awarded&target_type=group").content.decode()
    assert neighbour_cert.number in body and cert.number not in body
    assert (
        c.get(f"/app/certificates/?year={year.pk}&district=9999").status_code == 200
    )  # unknown value: ignored


def test_list_query_count_is_constant(as_user, staff, year, django_assert_max_num_queries):
    c = as_user(staff)
    certificate(year, staff)
    c.get(f"/app/certificates/?year={year.pk}")
    with django_assert_max_num_queries(20) as ctx1:
        c.get(f"/app/certificates/?year={year.pk}")
    n1 = len(ctx1.captured_queries)
    certificate(year, staff, district_code="6502")
    certificate(year, staff, district_code="6503")
    with django_assert_max_num_queries(n1):
        c.get(f"/app/certificates/?year={year.pk}")


def test_detail_for_each_persona(as_user, cert, staff, officer, national, neighbour, stranger):
    url = f"/app/certificates/{cert.pk}/"
    body = as_user(staff).get(url).content.decode()
    assert "เพิกถอน" in body and cert.display_code in body
    body = as_user(officer).get(url).content.decode()
    assert cert.number in body and "certificate_revoke" not in body and "/revoke/" not in body
    assert as_user(national).get(url).status_code == 200
    assert as_user(neighbour).get(url).status_code == 404
    assert as_user(stranger).get(url).status_code == 404


def test_revoke(as_user, cert, staff, officer, national, stranger):
    url = f"/app/certificates/{cert.pk}/revoke/"
    assert as_user(officer).post(url, {"reason": "x"}).status_code == 403
    assert as_user(national).post(url, {"reason": "x"}).status_code == 403
    assert as_user(stranger).post(url, {"reason": "x"}).status_code == 404
    r = as_user(staff).post(url, {"reason": "  "})
    assert r.status_code == 400 and "กรุณาระบุเหตุผลการเพิกถอน" in r.content.decode()
    cert.refresh_from_db()
    assert cert.revoked_at is None
    r = as_user(staff).post(url, {"reason": "กลุ่มยุบเลิกก่อนวันประเมิน"})
    assert r.status_code == 302
    cert.refresh_from_db()
    assert cert.revoked_reason == "กลุ่มยุบเลิกก่อนวันประเมิน"
    r = as_user(staff).post(url, {"reason": "อีกครั้ง"})
    assert r.status_code == 400 and "ถูกเพิกถอนไปแล้ว" in r.content.decode()


def test_award_date_edit(as_user, cert, staff, officer, stranger):
    url = f"/app/certificates/{cert.pk}/dates/"
    data = {"awarded_on": "20/11/2570", "valid_until": "", "version": cert.version}
    assert as_user(officer).post(url, data).status_code == 403
    assert as_user(stranger).post(url, data).status_code == 404
    assert as_user(staff).post(url, data).status_code == 302
    cert.refresh_from_db()
    assert cert.awarded_on == dt.date(2027, 11, 20)
    # a second person's form still carries the old version
    r = as_user(staff).post(url, {**data, "awarded_on": "21/11/2570"})
    assert r.status_code == 400 and "มีผู้อื่นแก้ไข" in r.content.decode()
    r = as_user(staff).post(url, {**data, "awarded_on": "01/01/2570", "version": cert.version})
    assert r.status_code == 400 and "วันที่มอบต้องไม่ก่อนวันที่รับรอง" in r.content.decode()
    r = as_user(staff).post(url, {**data, "awarded_on": "20/11/2027", "version": cert.version})
    assert r.status_code == 400 and "พ.ศ." in r.content.decode()


def test_issue_action(as_user, enrolment, staff, officer, national, stranger, year):
    url = f"/app/certificates/issue/{enrolment.pk}/"
    assert as_user(officer).post(url).status_code == 403
    assert as_user(national).post(url).status_code == 403
    assert as_user(stranger).post(url).status_code == 404
    page = as_user(staff).get(f"/app/certificates/?year={year.pk}").content.decode()
    assert "ผ่านการรับรองแล้วแต่ยังไม่มีใบรับรอง" in page and url in page
    r = as_user(staff).post(url)
    cert = Certificate.objects.get(enrolment=enrolment)
    assert r.status_code == 302 and r["Location"] == f"/app/certificates/{cert.pk}/"
    r = as_user(staff).post(url, follow=True)  # twice: the same certificate
    assert "มีใบรับรองอยู่แล้ว" in r.content.decode() and Certificate.objects.count() == 1


def test_issue_action_refuses_a_unit_not_certified(as_user, staff, year):
    e = certified_enrolment(year)
    e.outcome = Outcome.IN_PROGRESS
    e.save()
    r = as_user(staff).post(f"/app/certificates/issue/{e.pk}/", follow=True)
    assert "เฉพาะหน่วยนับที่ผ่านการรับรอง" in r.content.decode() and not Certificate.objects.exists()


def test_issue_action_shows_a_broken_pattern(as_user, staff, year, enrolment):
    year.certificate_pattern = "มชช.{year}"
    year.save()
    r = as_user(staff).post(f"/app/certificates/issue/{enrolment.pk}/", follow=True)
    assert "ต้องมี {seq}" in r.content.decode() and not Certificate.objects.exists()


def test_certificate_pdf_for_a_reader(as_user, cert, officer, neighbour, django_capture_on_commit_callbacks):
    c = as_user(officer)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(f"/app/certificates/{cert.pk}/pdf/")
    assert r.status_code == 302
    gf = GeneratedFile.objects.get()
    assert gf.status == GeneratedFile.Status.DONE and gf.file
    page = c.get(r["Location"])
    assert page.status_code == 200 and "ดาวน์โหลด" in page.content.decode()
    assert f"/app/certificates/{cert.pk}/" in page.content.decode()  # the way back to the certificate
    assert c.get(r["Location"], HTTP_HX_REQUEST="true").content.decode().lstrip().startswith("<div")
    pdf = c.get(f"/app/files/{gf.token}/download/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert as_user(neighbour).get(f"/app/files/{gf.token}/").status_code == 404
    assert as_user(neighbour).get(f"/app/files/{gf.token}/download/").status_code == 404
    assert as_user(neighbour).post(f"/app/certificates/{cert.pk}/pdf/").status_code == 404


def test_file_not_ready_is_not_downloadable(as_user, cert, officer):
    c = as_user(officer)
    r = c.post(f"/app/certificates/{cert.pk}/pdf/")  # on_commit not run: still pending
    gf = GeneratedFile.objects.get()
    assert "ระบบกำลังสร้างเอกสาร" in c.get(r["Location"]).content.decode()
    assert c.get(f"/app/files/{gf.token}/download/").status_code == 404


def test_year_print(
    as_user, year, staff, officer, stranger, cert, neighbour_cert, django_capture_on_commit_callbacks
):
    url = f"/app/certificates/year/{year.pk}/print/"
    assert as_user(officer).post(url).status_code == 403
    assert as_user(stranger).post(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        r = as_user(staff).post(url)
    gf = GeneratedFile.objects.get()
    assert r.status_code == 302 and gf.status == "done"
    assert _pages(gf) == 2
    # officer may not open the provincial print even with its link
    assert as_user(officer).get(f"/app/files/{gf.token}/").status_code == 403
    assert as_user(staff).get(f"/app/files/{gf.token}/download/").status_code == 200
    # one district only; revoked certificates are left out of the ceremony print
    c = as_user(staff)
    c.post(f"/app/certificates/{neighbour_cert.pk}/revoke/", {"reason": "ยุบกลุ่ม"})
    with django_capture_on_commit_callbacks(execute=True):
        c.post(url, {"district": "6501"})
    assert _pages(GeneratedFile.objects.order_by("-pk").first()) == 1
    assert c.post(url, {"district": "5001"}).status_code == 404


def test_year_print_without_certificates(as_user, year, staff):
    r = as_user(staff).post(f"/app/certificates/year/{year.pk}/print/", follow=True)
    assert "ยังไม่มีใบรับรองที่จะพิมพ์" in r.content.decode() and not GeneratedFile.objects.exists()


def _pages(gf):
    import subprocess

    out = subprocess.run(["pdfinfo", gf.file.path], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def test_certificate_settings(as_user, year, staff, officer, stranger, cert):
    url = f"/app/certificates/year/{year.pk}/settings/"
    assert as_user(officer).get(url).status_code == 403
    assert as_user(stranger).get(url).status_code == 404
    c = as_user(staff)
    assert "สำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก" in c.get(url).content.decode()
    r = c.post(
        url,
        {
            "issuer": "สำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก",
            "signer_name": "นายทดสอบ ลงนาม",
            "signer_title": "ประธานคณะกรรมการ มชช. จังหวัดพิษณุโลก",
        },
    )
    assert r.status_code == 302 and year.certificate_settings.signer_name == "นายทดสอบ ลงนาม"
    assert AuditEvent.objects.filter(action="certificate_settings.changed").exists()


def test_landing_panel_for_provincial_staff(as_user, staff, officer, enrolment, cert):
    body = as_user(staff).get("/app/").content.decode()
    assert "ผ่านการรับรองแต่ยังไม่มีใบรับรอง 1 หน่วยนับ" in body and "ออกแล้ว 1 ฉบับ" in body
    assert "ผ่านการรับรองแต่ยังไม่มีใบรับรอง" not in as_user(officer).get("/app/").content.decode()
    nav = as_user(officer).get("/app/").content.decode()
    assert "ใบรับรอง" in nav and "การเชิดชูเกียรติ" in nav
