"""Issue 19 item 4: requests of data subjects with their legal due date (30 days), on the unit's page, the staff
home and in reminders; access produces JSON + PDF of everything held (every registered holder); erasure removes
or anonymises the person, keeps the certified history and the audit trail, and says what was kept and why."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core import personaldata
from apps.core.models import AuditEvent, GeneratedFile
from apps.evaluation import services as evaluation
from apps.public import services as public
from apps.public.models import PublicProfile
from apps.registry import services_requests as svc
from apps.registry.enums import EvaluationLevel
from apps.registry.models import Consent, DataRequest, Photo, Unit
from apps.registry.personal import subject_of
from apps.registry.privacy_reminders import requests_due
from apps.registry.services_consent import record_consent
from tests.factories import UserFactory
from tests.public.factories import certify, jpeg, leader, photo

pytestmark = pytest.mark.django_db
RECEIVED = dt.date(2026, 3, 2)


@pytest.fixture
def person(db, staff):
    unit = leader(district_id="6501")
    certify(unit)
    record_consent(
        unit,
        purposes=["name", "photo"],
        given_by=unit.name,
        given_on=RECEIVED,
        channel="paper",
        scan=SimpleUploadedFile("f.jpg", jpeg()),
        by=staff,
    )
    photo(unit)
    profile = public.profile_for(unit)
    public.save_draft(
        profile, by=staff, summary="ผู้นำการออม", results="", practices="", version=profile.version
    )
    public.publish_profile(profile, by=staff)
    return unit


def _request(unit, kind, by):
    return svc.record_request(unit, kind=kind, received_on=RECEIVED, subject_name=unit.name, by=by)


def test_a_request_is_due_in_30_days_listed_and_reminded(as_user, officer, person):
    c = as_user(officer)
    r = c.post(
        f"/app/units/{person.pk}/requests/new/",
        {"kind": "access", "subject_name": person.name, "received_on": "02/03/2569", "details": "ขอสำเนา"},
    )
    req = DataRequest.objects.get()
    assert r.status_code == 302 and req.due_on == RECEIVED + dt.timedelta(days=30)
    assert f"/app/privacy-requests/{req.pk}/" in c.get(f"/app/units/{person.pk}/").content.decode()
    assert f"/app/privacy-requests/{req.pk}/" in c.get("/app/").content.decode()  # the staff home
    due = list(requests_due(req.due_on - dt.timedelta(days=7)))
    assert [x.recipient for x in due] == [officer] and "อีก 7 วัน" in due[0].title
    assert list(requests_due(req.due_on - dt.timedelta(days=3))) == []
    r = c.post(f"/app/units/{person.pk}/requests/new/", {"kind": "access", "received_on": "2/3/2569x"})
    assert r.status_code == 200 and DataRequest.objects.count() == 1  # bad input: a message, nothing saved


def test_access_copy_holds_everything_as_json_and_pdf(
    as_user, officer, neighbour, person, django_capture_on_commit_callbacks
):
    req = _request(person, "access", officer)
    c = as_user(officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post(f"/app/privacy-requests/{req.pk}/access/").status_code == 302
    files = {f.kind: f for f in GeneratedFile.objects.filter(object_id=str(req.pk))}
    assert set(files) == {svc.ACCESS_JSON, svc.ACCESS_PDF}
    body = b"".join(c.get(f"/app/files/{files[svc.ACCESS_JSON].token}/download/").streaming_content)
    doc = json.loads(body)
    held = doc["held"]
    assert held["registry.unit"]["data"]["unit"]["national_id"] == person.national_id
    assert held["registry.unit"]["data"]["unit"]["phone"] == person.phone
    assert {x["purpose"] for x in held["registry.unit"]["data"]["consents"]} == {"name", "photo"}
    assert held["public.profile"]["data"]["published"]["summary"] == "ผู้นำการออม"
    pdf = b"".join(c.get(f"/app/files/{files[svc.ACCESS_PDF].token}/download/").streaming_content)
    assert pdf.startswith(b"%PDF")
    n = as_user(neighbour)
    assert n.get(f"/app/files/{files[svc.ACCESS_JSON].token}/download/").status_code == 404
    assert n.get(f"/app/privacy-requests/{req.pk}/").status_code == 404


def test_erasure_of_a_certified_leader_keeps_the_certified_name_and_says_why(
    as_user, officer, person, client
):
    req = _request(person, "erasure", officer)
    c = as_user(officer)
    r = c.post(f"/app/privacy-requests/{req.pk}/erase/", follow=True)
    assert "กรุณายืนยัน" in r.content.decode() and Unit.objects.get(pk=person.pk).national_id  # nothing erased
    audit_before = AuditEvent.objects.count()
    c.post(f"/app/privacy-requests/{req.pk}/erase/", {"confirm": "yes"})
    u = Unit.objects.get(pk=person.pk)
    assert (u.national_id, u.national_id_hash, u.phone, u.address) == ("", "", "", "")
    assert u.name == person.name and u.certificates.exists()  # the certified history
    assert not Photo.objects.filter(unit=u).exists()
    p = PublicProfile.objects.get(unit=u)
    assert p.is_hidden and p.pub_summary == "" and p.summary == ""
    assert not Consent.objects.filter(unit=u).exclude(scan="").exists()
    req.refresh_from_db()
    assert req.status == "done" and "เก็บไว้" in req.outcome and "เหตุผล" in req.outcome
    assert "ชื่อ-สกุลของผู้นำบนใบรับรอง" in req.outcome and "บันทึกการตรวจสอบ" in req.outcome
    assert AuditEvent.objects.count() > audit_before  # the trail stays and grows
    assert AuditEvent.objects.filter(action="data_request.erased").exists()
    assert person.name not in client.get("/units/").content.decode()


def test_erasure_of_a_never_certified_leader_removes_the_name(officer):
    unit = leader(district_id="6501", name="นายทดลอง ลบได้", first_name="ทดลอง", last_name="ลบได้")
    req = _request(unit, "erasure", officer)
    svc.erase_subject(req, by=officer, confirm=True)
    u = Unit.objects.get(pk=unit.pk)
    assert u.first_name == "" and "ลบตามคำขอ" in u.name and not u.is_active


def test_a_committee_member_keeps_the_seat_and_the_page_says_so(as_user, officer, staff, person, year):
    committee = evaluation.create_committee(year, EvaluationLevel.COMMITTEE, name="คณะกรรมการจังหวัด", by=staff)
    member = UserFactory(first_name=person.first_name, last_name=person.last_name)
    evaluation.add_member(committee, user=member, role="member", home_district=None, by=staff)
    req = _request(person, "erasure", officer)
    page = as_user(officer).get(f"/app/privacy-requests/{req.pk}/").content.decode()
    assert "บุคคลนี้เป็นกรรมการ" in page and "ลบได้เฉพาะข้อมูลในทะเบียนหน่วยนับ" in page
    svc.erase_subject(req, by=officer, confirm=True)
    req.refresh_from_db()
    assert "เก็บไว้ (คณะกรรมการ)" in req.outcome
    assert committee.members.filter(user=member).exists()
    assert Unit.objects.get(pk=person.pk).national_id == ""  # the registry part was erased


def test_close_needs_an_outcome_and_a_closed_request_takes_no_action(as_user, officer, person):
    req = _request(person, "objection", officer)
    c = as_user(officer)
    r = c.post(f"/app/privacy-requests/{req.pk}/close/", {"status": "done", "outcome": ""}, follow=True)
    assert DataRequest.objects.get(pk=req.pk).is_open and "กรุณา" in r.content.decode()
    c.post(f"/app/privacy-requests/{req.pk}/close/", {"status": "refused", "outcome": "คำขอไม่มีมูล"})
    assert DataRequest.objects.get(pk=req.pk).status == "refused"
    r = c.post(f"/app/privacy-requests/{req.pk}/access/", follow=True)
    assert "คำขอนี้ปิดแล้ว" in r.content.decode()


def test_every_holder_is_asked(person):
    keys = {h.key for h in personaldata.holders()}
    assert {"registry.unit", "public.profile", "evaluation.committee_seats"} <= keys
    assert [label for label, _lines in personaldata.find_all(subject_of(person))][:2] == [
        "ทะเบียนหน่วยนับ",
        "เว็บไซต์สาธารณะ",
    ]
