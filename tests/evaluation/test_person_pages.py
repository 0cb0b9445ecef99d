"""Issue 18 leftovers, item 1: the people of a province (committee members with or without an account), a page
per person, its edit page (province staff; the district officer of the person's home district, who may not move
the home district), audited edits, and the person records in "everything held about a person"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Person
from apps.core import personaldata
from apps.core.models import AuditEvent
from apps.core.personaldata import Subject
from apps.evaluation import services
from apps.evaluation.enums import CommitteeRole
from tests.factories import district, province

from .test_people import kamnan_seat, values_for

pytestmark = pytest.mark.django_db

LIST = "/app/evaluation/people/"


def person(first="สมหมาย", last="ใจงาม", home="6501", **kw):
    return Person.objects.create(
        province=province("65"),
        first_name=first,
        last_name=last,
        title="นาง",
        position="ผู้ใหญ่บ้าน",
        organisation="ผู้นำท้องที่",
        phone="0812345678",
        home_district=district(home) if home else None,
        **kw,
    )


def test_the_list_shows_people_with_and_without_account_and_their_committees(
    as_user, staff, zone_committee, zone_member
):
    kamnan_seat(zone_committee, staff)
    person(first="ผู้ไม่มีคณะ", last="ทดสอบ")
    body = as_user(staff).get(LIST).content.decode()
    assert "นายบุญมี ทองสาธิต" in body and "คณะทำงานโซน 1" in body and "ไม่มีบัญชีผู้ใช้" in body
    assert "ผู้ไม่มีคณะ" in body
    # filter by name through the FilterSet
    body = as_user(staff).get(LIST, {"q": "บุญมี"}).content.decode()
    assert "บุญมี" in body and "ผู้ไม่มีคณะ" not in body
    body = as_user(staff).get(LIST, {"account": "no", "q": "ทดสอบ"}).content.decode()
    assert "ผู้ไม่มีคณะ" in body
    # a value that does not fit: a Thai warning, the list without it, never a 500
    r = as_user(staff).get(LIST, {"province": "zz", "account": "maybe", "q": "x" * 2000})
    assert r.status_code == 200 and "ค่าตัวกรองบางค่าไม่ถูกต้อง" in r.content.decode()


def test_the_list_takes_a_constant_number_of_queries(as_user, staff, zone_committee, zone_chair):
    c = as_user(staff)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):
        p = person(first=f"ก{i}", last="ทดสอบ")
        services.add_member(zone_committee, role=CommitteeRole.MEMBER, person=p, by=staff)
    few = count()
    for i in range(3, 12):
        p = person(first=f"ข{i}", last="ทดสอบ")
        services.add_member(zone_committee, role=CommitteeRole.MEMBER, person=p, by=staff)
    assert count() == few


def test_who_reads_the_people(as_user, staff, officer, neighbour, national, stranger, zone_member):
    p = person()
    url = f"/app/evaluation/people/{p.pk}/"
    for user in (staff, officer, neighbour, national):
        assert as_user(user).get(url).status_code == 200
    assert "สมหมาย" not in as_user(stranger).get(LIST).content.decode()
    assert as_user(stranger).get(url).status_code == 404
    assert as_user(zone_member).get(LIST).status_code == 403
    assert as_user(zone_member).get(url).status_code == 404


def test_staff_edit_a_person_audited(as_user, staff, national, stranger):
    p = person()
    url = f"/app/evaluation/people/{p.pk}/edit/"
    c = as_user(staff)
    assert c.get(url).status_code == 200
    data = {
        "title": "นาง",
        "first_name": "สมหมาย",
        "last_name": "ใจงาม",
        "position": "กำนัน",
        "organisation": "ผู้นำท้องที่",
        "email": "",
        "phone": "0812345678",
        "line_id": "sommai",
        "home_district": "6502",
    }
    # bad input: a Thai message, the typed values stay
    r = c.post(url, {**data, "first_name": "", "email": "not-an-email"})
    assert r.status_code == 200 and "sommai" in r.content.decode()
    assert Person.objects.get(pk=p.pk).position == "ผู้ใหญ่บ้าน"
    r = c.post(url, data)
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.position == "กำนัน" and p.line_id == "sommai" and p.home_district_id == "6502"
    ev = AuditEvent.objects.get(action="person.updated", object_id=str(p.pk))
    assert ev.actor == staff and ev.before["position"] == "ผู้ใหญ่บ้าน" and ev.after["home_district_id"] == "6502"
    # a reader may not edit; a stranger sees nothing
    assert as_user(national).get(url).status_code == 403
    assert as_user(national).post(url, data).status_code == 403
    assert as_user(stranger).post(url, data).status_code == 404


def test_the_district_officer_edits_the_people_of_their_district_but_not_their_home(
    as_user, officer, neighbour
):
    mine, other = person(), person(first="สมชาย", home="6502")
    c = as_user(officer)
    url = f"/app/evaluation/people/{mine.pk}/edit/"
    body = c.get(url).content.decode()
    assert 'name="home_district"' not in body and "ให้จังหวัดเป็นผู้แก้ไข" in body
    r = c.post(
        url, {"first_name": "สมหมาย", "last_name": "ใจงาม", "position": "กำนัน", "home_district": "6502"}
    )
    assert r.status_code == 302
    mine.refresh_from_db()
    assert mine.position == "กำนัน" and mine.home_district_id == "6501"  # the home district is the province's
    assert c.get(f"/app/evaluation/people/{other.pk}/edit/").status_code == 403
    assert c.post(f"/app/evaluation/people/{other.pk}/edit/", {"first_name": "x"}).status_code == 403
    assert as_user(neighbour).get(url).status_code == 403


def test_committee_page_links_to_the_person(as_user, staff, zone_committee):
    seat = kamnan_seat(zone_committee, staff)
    body = as_user(staff).get(f"/app/evaluation/committees/{zone_committee.pk}/").content.decode()
    assert f"/app/evaluation/people/{seat.person_id}/" in body


# --- everything held about a person ------------------------------------------------------------------------


def test_person_records_are_found_exported_and_erased():
    p = person()
    subject = Subject(full_name="สมหมาย ใจงาม")
    found = dict(personaldata.find_all(subject))
    assert any("ทะเบียนบุคคล" in line for line in found["ทะเบียนบุคคล"])
    data = personaldata.export_all(subject)["accounts.person"]["data"]
    assert data[0]["phone"] == "0812345678" and data[0]["home_district"] == "6501"
    assert not personaldata.blockers(subject)
    out = dict(personaldata.erase_all(subject, by=None))
    assert out["ทะเบียนบุคคล"].removed
    p.refresh_from_db()
    assert p.phone == "" and p.last_name == "" and p.first_name.startswith("ข้อมูลถูกลบ")


def test_erasure_is_refused_while_the_person_holds_a_seat_that_scored(
    staff, zone_committee, zone_round, passed_district
):
    entry = services.add_entry(zone_round, passed_district.enrolment, by=staff)
    seat = kamnan_seat(zone_committee, staff)
    subject = Subject(full_name="บุญมี ทองสาธิต")
    # a current seat: the province takes the person off the committee first
    reasons = dict(personaldata.blockers(subject))
    assert "ให้จังหวัดนำออกจากคณะกรรมการก่อน" in reasons["ทะเบียนบุคคล"]
    services.save_seat_scorecard(entry, seat, values=values_for(entry), submit=True, recorded_by=staff)
    services.remove_member(seat, by=staff)
    reasons = dict(personaldata.blockers(subject))
    assert "เป็นกรรมการที่ให้คะแนนแล้ว" in reasons["ทะเบียนบุคคล"]
    out = dict(personaldata.erase_all(subject, by=staff))
    assert out["ทะเบียนบุคคล"].kept and not out["ทะเบียนบุคคล"].removed
    assert Person.objects.get(pk=seat.person_id).last_name == "ทองสาธิต"
