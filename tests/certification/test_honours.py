"""Honours recorded by the province or by the district that gives them (DESIGN §7). Guideline 2.12:
"จังหวัด/อำเภอเชิดชูเกียรติกลุ่มเป้าหมายที่ผ่านการรับรองมาตรฐาน ตามระบบ มชช. เช่น การจัดกิจกรรมประกาศเกียรติคุณ
การมอบเกียรติบัตร ใบรับรอง เข็มเชิดชูเกียรติ หรือโล่รางวัลต่าง ๆ"."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from apps.certification import honours
from apps.certification.models import Honour
from apps.core.models import AuditEvent
from tests.certification.factories import certificate
from tests.factories import programme_year

pytestmark = pytest.mark.django_db


def _post(unit, year, **kw):
    return {
        "year": year.pk,
        "unit": unit.pk,
        "kind": "honour_certificate",
        "title": "เกียรติบัตรกลุ่มดีเด่น",
        "giver_level": "district",
        "given_by": "นายอำเภอเมืองพิษณุโลก",
        "given_on": "09/10/2570",
        "note": "",
        **kw,
    }


@pytest.fixture
def unit(year, staff):
    """A unit of 6501 certified in the year (honours go to passers: guideline 2.12)."""
    return certificate(year, staff).unit


@pytest.fixture
def honour(unit, year, staff):
    return honours.record_honour(
        unit=unit,
        year=year,
        by=staff,
        kind="plaque",
        title="โล่รางวัลต้นแบบ",
        giver_level="province",
        given_by="ผู้ว่าราชการจังหวัดพิษณุโลก",
        given_on=dt.date(2027, 11, 20),
    )


def test_district_records_the_honours_it_gives(as_user, officer, unit, year):
    c = as_user(officer)
    page = c.get(f"/app/honours/new/?unit={unit.pk}&year={year.pk}").content.decode()
    assert 'value="province"' not in page  # a district cannot record a provincial honour
    r = c.post("/app/honours/new/", _post(unit, year))
    assert r.status_code == 302
    h = Honour.objects.get()
    assert (h.giver_level, h.recorded_by, h.given_on) == ("district", officer, dt.date(2027, 10, 9))
    assert AuditEvent.objects.filter(action="honour.recorded").count() == 1
    # a provincial honour typed in by hand is refused
    r = c.post("/app/honours/new/", _post(unit, year, giver_level="province"))
    assert r.status_code == 200 and Honour.objects.count() == 1


def test_district_cannot_record_for_another_district(as_user, neighbour, unit, year):
    r = as_user(neighbour).post("/app/honours/new/", _post(unit, year))
    assert r.status_code == 200 and "unit" in r.context["form"].errors and not Honour.objects.exists()


def test_province_records_and_national_only_reads(as_user, staff, national, stranger, unit, year):
    r = as_user(staff).post(
        "/app/honours/new/",
        _post(unit, year, giver_level="province", kind="pin", given_by="ผู้ว่าราชการจังหวัดพิษณุโลก"),
    )
    assert r.status_code == 302 and Honour.objects.get().kind_id == "pin"
    assert as_user(national).get("/app/honours/new/").status_code == 403
    assert as_user(stranger).post("/app/honours/new/", _post(unit, year)).status_code == 200
    assert Honour.objects.count() == 1


def test_bad_dates(as_user, staff, unit, year):
    r = as_user(staff).post("/app/honours/new/", _post(unit, year, given_on="09/10/2027"))
    assert r.status_code == 200 and "พ.ศ." in r.content.decode()
    with pytest.raises(ValidationError, match="ไกลเกินไป"):
        honours.record_honour(
            unit=unit,
            year=year,
            by=staff,
            kind="pin",
            title="x",
            giver_level="province",
            given_by="x",
            given_on=dt.date(2099, 1, 1),
        )
    other = programme_year("50", 2570)
    with pytest.raises(ValidationError, match="ไม่อยู่ในจังหวัด"):
        honours.record_honour(
            unit=unit,
            year=other,
            by=staff,
            kind="pin",
            title="x",
            giver_level="province",
            given_by="x",
            given_on=dt.date(2027, 1, 1),
        )


def test_list_per_year_and_unit(as_user, honour, staff, officer, national, neighbour, stranger, year, unit):
    for user in (staff, officer, national):
        body = as_user(user).get(f"/app/honours/?year={year.pk}").content.decode()
        assert "โล่รางวัลต้นแบบ" in body
    assert "โล่รางวัลต้นแบบ" not in as_user(neighbour).get(f"/app/honours/?year={year.pk}").content.decode()
    assert as_user(stranger).get(f"/app/honours/?year={year.pk}").status_code == 404
    assert "โล่รางวัลต้นแบบ" in as_user(officer).get(f"/app/honours/?unit={unit.pk}").content.decode()
    # a unit outside the neighbour's scope is no choice of the list's filter: the default list and a Thai message
    r = as_user(neighbour).get(f"/app/honours/?unit={unit.pk}")
    assert r.status_code == 200 and "โล่รางวัลต้นแบบ" not in r.content.decode()
    assert "ค่าตัวกรองบางค่าไม่ถูกต้อง" in r.content.decode()
    body = as_user(staff).get(f"/app/honours/?year={year.pk}&kind=pin").content.decode()
    assert "โล่รางวัลต้นแบบ" not in body
    assert as_user(staff).get("/app/honours/").status_code == 200


def test_honour_list_query_count(as_user, staff, year, django_assert_max_num_queries):
    c = as_user(staff)

    def add():
        honours.record_honour(
            unit=certificate(year, staff).unit,
            year=year,
            by=staff,
            kind="pin",
            title="เข็ม",
            giver_level="province",
            given_by="จังหวัด",
            given_on=dt.date(2027, 1, 1),
        )

    add()
    c.get(f"/app/honours/?year={year.pk}")
    with django_assert_max_num_queries(20) as ctx:
        c.get(f"/app/honours/?year={year.pk}")
    add()
    add()
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        c.get(f"/app/honours/?year={year.pk}")


def test_remove(as_user, honour, staff, officer, stranger):
    url = f"/app/honours/{honour.pk}/remove/"
    assert as_user(officer).post(url, {"reason": "x"}).status_code == 403  # a provincial honour
    assert as_user(stranger).post(url, {"reason": "x"}).status_code == 404
    r = as_user(staff).post(url, {"reason": ""}, follow=True)
    assert "กรุณาระบุเหตุผล" in r.content.decode() and Honour.objects.exists()
    assert as_user(staff).post(url, {"reason": "บันทึกซ้ำ"}).status_code == 302
    assert not Honour.objects.exists()
    assert AuditEvent.objects.get(action="honour.removed").reason == "บันทึกซ้ำ"


def test_district_removes_its_own_honour(as_user, officer, unit, year):
    h = honours.record_honour(
        unit=unit,
        year=year,
        by=officer,
        kind="honour_certificate",
        title="เกียรติบัตร",
        giver_level="district",
        given_by="นายอำเภอ",
        given_on=dt.date(2027, 1, 5),
    )
    assert as_user(officer).post(f"/app/honours/{h.pk}/remove/", {"reason": "พิมพ์ผิด"}).status_code == 302
