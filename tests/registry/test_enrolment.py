import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from apps.registry import services
from apps.registry.enums import Outcome, Stage
from apps.registry.models import Enrolment
from tests.factories import EnrolmentFactory, UnitFactory, programme_year


@pytest.mark.django_db
def test_enrol_from_the_unit_page_and_not_twice(as_user, officer, staff, national, neighbour, year):
    unit = UnitFactory(founded_on=dt.date(2015, 1, 1))
    url = f"/app/units/{unit.pk}/enrol/"
    assert as_user(national).post(url, {"year": year.pk}).status_code == 403
    assert as_user(neighbour).get(url).status_code == 404
    c = as_user(officer)
    assert c.get(url).status_code == 200
    r = c.post(url, {"year": year.pk, "mentor": officer.pk})
    assert r.status_code == 302
    e = Enrolment.objects.get(unit=unit, year=year)
    assert e.stage == Stage.RECRUITMENT and e.mentor == officer and not e.carried_over
    r = c.post(url, {"year": year.pk})
    assert r.status_code == 200 and "สมัครเข้าสู่ระบบในปี 2570 แล้ว" in r.content.decode()
    assert Enrolment.objects.filter(unit=unit).count() == 1
    assert "2570" in c.get(f"/app/units/{unit.pk}/").content.decode()


@pytest.mark.django_db
def test_eligibility_warnings_need_confirmation(as_user, officer, year):
    # the guideline implies a group active at least a year: founded in Aug 2569 is too young for FY 2570
    unit = UnitFactory(founded_on=dt.date(2026, 8, 1))
    c = as_user(officer)
    r = c.post(f"/app/units/{unit.pk}/enrol/", {"year": year.pk})
    assert r.status_code == 200 and "ก่อตั้งยังไม่ถึง 1 ปี" in r.content.decode()
    assert not Enrolment.objects.exists()
    r = c.post(f"/app/units/{unit.pk}/enrol/", {"year": year.pk, "confirm_warnings": "on"})
    assert r.status_code == 302
    assert "ก่อตั้งยังไม่ถึง 1 ปี" in Enrolment.objects.get().warnings_confirmed[0]


@pytest.mark.django_db
def test_leader_one_year_in_community(officer, year):
    leader = UnitFactory(
        target_type="leader", name="นายใหม่", sub_type="อช./ผู้นำ อช.", active_since=dt.date(2026, 5, 1)
    )
    assert any("ยังไม่ถึง 1 ปี" in w for w in services.eligibility_warnings(leader, year))
    leader.active_since = dt.date(2020, 5, 1)
    assert services.eligibility_warnings(leader, year) == []
    leader.active_since = None
    assert any("ยังไม่ได้ระบุ" in w for w in services.eligibility_warnings(leader, year))
    with pytest.raises(services.EligibilityWarning):
        services.enrol_unit(leader, year, by=officer)


@pytest.mark.django_db
def test_mentor_must_be_of_the_district(as_user, officer, officer2, neighbour, national, year):
    e = EnrolmentFactory(year=year, mentor=officer)
    url = f"/app/enrolments/{e.pk}/mentor/"
    assert as_user(national).get(url).status_code == 403
    assert as_user(neighbour).get(url).status_code == 404
    c = as_user(officer)
    assert c.get(url).status_code == 200
    assert c.post(url, {"mentor": officer2.pk}).status_code == 302
    e.refresh_from_db()
    assert e.mentor == officer2
    with pytest.raises(ValidationError, match="เจ้าหน้าที่ของอำเภอนี้"):
        services.assign_mentor(e, neighbour, by=officer)


@pytest.mark.django_db
def test_withdraw_needs_a_reason(as_user, officer, national, year):
    e = EnrolmentFactory(year=year)
    url = f"/app/enrolments/{e.pk}/withdraw/"
    assert as_user(national).post(url, {"reason": "x"}).status_code == 403
    c = as_user(officer)
    r = c.post(url, {"reason": "  "})
    assert r.status_code == 200
    assert c.post(url, {"reason": "กลุ่มยุติการดำเนินงาน"}).status_code == 302
    e.refresh_from_db()
    assert e.outcome == Outcome.WITHDRAWN and e.withdrawn_reason == "กลุ่มยุติการดำเนินงาน"
    with pytest.raises(ValidationError, match="เฉพาะหน่วยนับที่อยู่ระหว่างดำเนินการ"):
        services.withdraw(e, by=officer, reason="อีกครั้ง")


@pytest.mark.django_db
def test_bulk_enrol(as_user, officer, national, neighbour, year):
    old = UnitFactory(name="กลุ่มเก่า", founded_on=dt.date(2010, 1, 1))
    young = UnitFactory(name="กลุ่มใหม่", founded_on=dt.date(2026, 9, 1))
    url = f"/app/districts/6501/years/{year.pk}/enrol/"
    assert as_user(national).get(url).status_code == 403
    assert as_user(neighbour).get(url).status_code == 404
    c = as_user(officer)
    assert c.get(url).status_code == 200
    r = c.post(url, {"units": [old.pk, young.pk], "mentor": officer.pk})
    assert r.status_code == 200 and "ก่อตั้งยังไม่ถึง 1 ปี" in r.content.decode()
    assert not Enrolment.objects.exists()  # all or nothing
    r = c.post(url, {"units": [old.pk, young.pk], "mentor": officer.pk, "confirm_warnings": "on"})
    assert r.status_code == 302 and Enrolment.objects.filter(year=year).count() == 2
    assert c.post(url, {"mentor": officer.pk}).status_code == 200  # nothing picked


@pytest.mark.django_db
def test_carry_over_is_offered_and_confirmed(as_user, officer, staff, national, neighbour):
    """Guideline 1.4: "ที่สมัครเข้าสู่ มชช. แล้วในปีที่ผ่านมา และยังไม่ผ่านการประเมินหรือยังไม่ขอรับการประเมิน
    ได้ดำเนินการพัฒนาศักยภาพตนเอง...อย่างต่อเนื่อง เพื่อขอรับการประเมินในปีนี้"."""
    y69 = programme_year(fy=2569, by=staff)
    y70 = programme_year(fy=2570, by=staff)
    failed = EnrolmentFactory(year=y69, outcome=Outcome.NOT_PASSED, stage=Stage.EVALUATION, mentor=officer)
    unasked = EnrolmentFactory(year=y69, outcome=Outcome.IN_PROGRESS, stage=Stage.SELF_DEVELOPMENT)
    EnrolmentFactory(year=y69, outcome=Outcome.CERTIFIED, stage=Stage.EVALUATION)
    EnrolmentFactory(year=y69, outcome=Outcome.NOT_PASSED, unit=UnitFactory(district_id="6502"))
    url = f"/app/districts/6501/years/{y70.pk}/carry-over/"
    assert as_user(national).get(url).status_code == 403
    assert as_user(neighbour).get(url).status_code == 404
    c = as_user(officer)
    body = c.get(url).content.decode()
    assert failed.unit.name in body and unasked.unit.name in body
    assert set(services.carry_over_candidates(failed.unit.district, y70)) == {failed, unasked}
    assert Enrolment.objects.filter(year=y70).count() == 0  # offered, not automatic (DESIGN §7)
    r = c.post(url, {"units": [failed.unit_id]})
    assert r.status_code == 302
    e = Enrolment.objects.get(year=y70)
    assert e.carried_over and e.previous == failed and e.mentor == officer
    # the officer left `unasked` out; it is still offered, the carried one is not
    assert list(services.carry_over_candidates(failed.unit.district, y70)) == [unasked]
    r = c.post(url, {"units": [failed.unit_id]})
    assert r.status_code == 200 and "ไม่อยู่ในรายการต่อเนื่อง" in r.content.decode()
    # reports keep new and carried-over apart
    EnrolmentFactory(year=y70)
    body = c.get(f"/app/districts/6501/years/{y70.pk}/targets/").content.decode()
    assert "ใหม่ 1 · ต่อเนื่องจากปีก่อน 1" in body
