import datetime as dt
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from apps.core.models import AuditEvent
from apps.evaluation import meetings, services
from apps.paperwork import services as paperwork
from apps.paperwork.builders import render_document_docx, render_document_pdf, view_of
from apps.paperwork.compose import office_for
from apps.paperwork.models import Number, OfficialDocument, Register

from ..evaluation.conftest import submit

pytestmark = pytest.mark.django_db


def _day(n=10):
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def office(year):
    o = office_for(year.province)
    o.prefix = "ที่ พล ๐๐๒๓.๔/"
    o.save()
    paperwork.add_signatory(
        o,
        by=None,
        name="นายทดสอบ ลงนาม",
        position="พัฒนาการจังหวัดพิษณุโลก",
        acting_line="ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดพิษณุโลก",
    )
    return o


@pytest.fixture
def held(zone_round, passed_district, staff, zone_chair, zone_member):
    entry = services.add_entry(zone_round, passed_district.enrolment, by=staff)
    submit(entry, zone_chair)
    submit(entry, zone_member)
    meeting = meetings.create_meeting(
        zone_round, by=staff, held_on=_day(), extra_agenda="กำหนดการประชุมครั้งถัดไป", attachments="บัญชีคะแนน"
    )
    meetings.resolve(meeting, entry, outcome="pass", by=staff)
    meetings.save_minutes(meeting, by=staff, text="เริ่มประชุมเวลา 09.00 น.\nเลิกประชุมเวลา 12.00 น.")
    return meeting


def _text_of_docx(data):
    from docx import Document

    d = Document(io.BytesIO(data))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_numbers_run_per_register_and_year_in_thai_digits(office, staff):
    day = dt.date(2026, 9, 1)
    a = paperwork.take_number(office, Register.OUTGOING, day=day, subject="ก", by=staff)
    b = paperwork.take_number(office, Register.OUTGOING, day=day, subject="ข", by=staff, circular=True)
    c = paperwork.take_number(office, Register.ORDER, day=day, subject="ค", by=staff)
    d = paperwork.take_number(office, Register.OUTGOING, day=dt.date(2027, 1, 5), subject="ง", by=staff)
    assert (a.seq, b.seq, c.seq, d.seq) == (1, 2, 1, 1)
    assert a.text == "ที่ พล ๐๐๒๓.๔/๑" and b.text == "ที่ พล ๐๐๒๓.๔/ว ๒" and c.text == "ที่ ๑/๒๕๖๙"
    office.thai_digits = False
    office.save()
    assert paperwork.take_number(office, Register.ORDER, day=day, subject="จ", by=staff).text == "ที่ 2/2569"


def test_cancelled_numbers_stay_with_their_reason_and_are_never_reused(office, staff, as_user, national):
    n = paperwork.take_number(office, Register.OUTGOING, day=_day(), subject="ผิดเรื่อง", by=staff)
    with pytest.raises(ValidationError):
        paperwork.cancel_number(n, by=staff, reason="")
    assert (
        as_user(national).post(f"/app/paperwork/numbers/{n.pk}/cancel/", {"reason": "x"}).status_code == 403
    )
    r = as_user(staff).post(f"/app/paperwork/numbers/{n.pk}/cancel/", {"reason": "ออกเลขผิดเรื่อง"})
    assert r.status_code == 302
    n.refresh_from_db()
    assert n.cancelled_at and n.cancel_reason == "ออกเลขผิดเรื่อง"
    nxt = paperwork.take_number(office, Register.OUTGOING, day=_day(), subject="ถัดไป", by=staff)
    assert nxt.seq == n.seq + 1
    assert AuditEvent.objects.filter(action="paperwork.number_cancelled").exists()
    page = as_user(staff).get(f"/app/paperwork/offices/{office.pk}/register/").content.decode()
    assert "ออกเลขผิดเรื่อง" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_connections_numbering_at_once_get_unique_numbers(year, staff):
    office = office_for(year.province)
    barrier = threading.Barrier(2)
    got, errors = [], []

    def work():
        try:
            barrier.wait()
            for _ in range(10):
                got.append(
                    paperwork.take_number(
                        office, Register.OUTGOING, day=_day(), subject="พร้อมกัน", by=None
                    ).seq
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(got) == list(range(1, 21))
    assert Number.objects.filter(office=office).count() == 20


def test_every_document_renders_as_pdf_and_docx(office, held, staff, province_committee, chair, cmember):
    from apps.evaluation.models import Round

    appointment = paperwork.issue_document("appointment", held.round.committee, by=staff, dated=_day(40))
    invitation = paperwork.issue_document("invitation", held, by=staff, dated=_day(17))
    minutes = paperwork.issue_document("minutes", held, by=staff, dated=_day(3))
    assert appointment.number.register == Register.ORDER and invitation.number.text.startswith(
        "ที่ พล ๐๐๒๓.๔/ว "
    )
    assert minutes.number is None and minutes.signatory is None and minutes.sign_acting == ""
    assert appointment.sign_acting == "ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดพิษณุโลก"
    for doc, words in (
        (appointment, ["คำสั่งจังหวัดพิษณุโลก", "แต่งตั้ง", "อำนาจหน้าที่", "ประธาน"]),
        (invitation, ["ขอเชิญประชุม", "ระเบียบวาระ", "กำหนดการประชุมครั้งถัดไป", "บัญชีคะแนน"]),
        (minutes, ["รายงานการประชุม", "ผู้มาประชุม", "เลิกประชุมเวลา", "ผ่าน"]),
    ):
        pdf = render_document_pdf(doc)
        assert pdf.startswith(b"%PDF")
        text = _text_of_docx(render_document_docx(doc))
        for w in words:
            assert w in text, (doc.kind, w)
        assert "None" not in text
        assert doc.pdf and doc.docx
    # the announcement comes from the provincial round only
    with pytest.raises(ValidationError, match="คณะกรรมการ มชช. จังหวัด"):
        paperwork.issue_document("announcement", held.round, by=staff)
    assert Round.objects.exists()


def test_reissue_keeps_both_versions(office, held, staff, as_user):
    first = paperwork.issue_document("invitation", held, by=staff, dated=_day(17))
    with pytest.raises(ValidationError, match="เหตุผล"):
        paperwork.reissue(first, by=staff, reason="")
    r = as_user(staff).post(f"/app/paperwork/documents/{first.pk}/reissue/", {"reason": "แก้สถานที่ประชุม"})
    assert r.status_code == 302
    second = OfficialDocument.objects.get(replaces=first)
    assert second.version == 2 and second.number_id != first.number_id
    assert "แทนฉบับเดิม" in view_of(second)["replaces"]
    first.refresh_from_db()
    assert first.subject and OfficialDocument.objects.filter(kind="invitation").count() == 2
    with pytest.raises(ValidationError, match="ฉบับใหม่แทนแล้ว"):
        paperwork.reissue(first, by=staff, reason="อีกครั้ง")
    assert "แทนฉบับเดิม" in render_document_docx(second).decode("latin-1") or True
    assert "แทนฉบับเดิม" in _text_of_docx(render_document_docx(second))


def test_garuda_upload_is_an_image_size_limited_and_private(office, staff, as_user, stranger, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/app/paperwork/offices/{office.pk}/"
    data = {
        "name": office.name,
        "address": "",
        "prefix": "ที่ พล ๐๐๒๓.๔/",
        "thai_digits": "on",
        "year_basis": "calendar",
        "garuda_label": "",
    }
    bad = SimpleUploadedFile("garuda.png", b"not an image", content_type="image/png")
    r = as_user(staff).post(url, {**data, "garuda_file": bad})
    assert r.status_code == 400
    office.refresh_from_db()
    assert not office.garuda
    from apps.paperwork.demo import placeholder_emblem

    big = SimpleUploadedFile(
        "garuda.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1), content_type="image/png"
    )
    assert as_user(staff).post(url, {**data, "garuda_file": big}).status_code == 400
    good = SimpleUploadedFile("garuda.png", placeholder_emblem(), content_type="image/png")
    assert as_user(staff).post(url, {**data, "garuda_file": good}).status_code == 302
    office.refresh_from_db()
    assert office.garuda and "/media/" not in as_user(staff).get(url).content.decode()
    assert as_user(staff).get(url + "garuda/").status_code == 200
    assert as_user(stranger).get(url + "garuda/").status_code == 404
    assert as_user(stranger).get(url).status_code == 404
    assert as_user(officer).get(url).status_code == 404  # a district officer reads only their own office
    assert as_user(officer).post(url, data).status_code == 404


def test_issue_pages_per_role(office, held, staff, as_user, national, stranger):
    url = f"/app/paperwork/about/meeting/{held.pk}/"
    assert as_user(staff).get(url).status_code == 200
    assert as_user(national).get(url).status_code == 200
    assert as_user(stranger).get(url).status_code == 404
    assert as_user(national).post(url + "issue/", {"kind": "invitation"}).status_code == 403
    r = as_user(staff).post(url + "issue/", {"kind": "invitation"})
    assert r.status_code == 302
    doc = OfficialDocument.objects.get(kind="invitation")
    assert as_user(staff).get(f"/app/paperwork/documents/{doc.pk}/").status_code == 200
    assert as_user(stranger).get(f"/app/paperwork/documents/{doc.pk}/").status_code == 404
    # a kind the object does not offer: a message, nothing issued
    as_user(staff).post(url + "issue/", {"kind": "announcement"})
    assert OfficialDocument.objects.count() == 1
    assert as_user(staff).get("/app/paperwork/about/nothing/1/").status_code == 404


def test_register_and_document_lists_take_constant_queries(office, held, staff, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(staff)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    register = f"/app/paperwork/offices/{office.pk}/register/"
    about = f"/app/paperwork/about/meeting/{held.pk}/"
    paperwork.issue_document("invitation", held, by=staff, build=False)
    before = (count(register), count(about))
    for _ in range(4):
        paperwork.issue_document("invitation", held, by=staff, build=False)
    assert (count(register), count(about)) == before
