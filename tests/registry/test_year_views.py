import pytest

from apps.registry.models import DistrictTarget, ProgrammeYear


def _calendar_post(year, **override):
    data = {}
    for p in year.stage_periods.all():
        data[f"stage_{p.stage}_start"] = (
            f"{p.starts_on.day:02d}/{p.starts_on.month:02d}/{p.starts_on.year + 543}"
        )
        data[f"stage_{p.stage}_end"] = f"{p.ends_on.day:02d}/{p.ends_on.month:02d}/{p.ends_on.year + 543}"
    for d in year.deadlines.all():
        data[f"deadline_{d.kind}"] = f"{d.due_on.day:02d}/{d.due_on.month:02d}/{d.due_on.year + 543}"
    data.update(override)
    return data


@pytest.mark.django_db
def test_staff_opens_a_year_in_the_app(as_user, staff):
    c = as_user(staff)
    assert c.get("/app/years/open/").status_code == 200
    r = c.post("/app/years/open/", {"province": "65", "fiscal_year": "2570"})
    assert r.status_code == 302
    r = c.post("/app/years/open/", {"province": "65", "fiscal_year": "2570"})
    assert r.status_code == 200 and "เปิดไว้แล้ว" in r.content.decode()


@pytest.mark.django_db
def test_year_pages_for_each_persona(as_user, year, staff, officer, national, neighbour, stranger):
    url = f"/app/years/{year.pk}/"
    for user in (staff, officer, national, neighbour):
        assert as_user(user).get(url).status_code == 200
    assert as_user(stranger).get(url).status_code == 404
    assert as_user(staff).get("/app/years/").status_code == 200
    assert b"2570" not in as_user(stranger).get("/app/years/").content


@pytest.mark.django_db
def test_calendar_edit(as_user, year, staff, officer, national, stranger):
    url = f"/app/years/{year.pk}/calendar/"
    assert as_user(staff).get(url).status_code == 200
    r = as_user(staff).post(url, _calendar_post(year, deadline_applicant_list="25/11/2569"))
    assert r.status_code == 302
    assert year.deadlines.get(kind="applicant_list").due_on.day == 25
    # a deadline after its stage ends: refused with the reason, nothing saved
    r = as_user(staff).post(url, _calendar_post(year, deadline_applicant_list="20/12/2569"))
    assert r.status_code == 200 and "อยู่หลังวันสิ้นสุด" in r.content.decode()
    assert year.deadlines.get(kind="applicant_list").due_on.day == 25
    assert as_user(officer).get(url).status_code == 403
    assert as_user(national).post(url, _calendar_post(year)).status_code == 403
    assert as_user(stranger).get(url).status_code == 404


@pytest.mark.django_db
def test_settings_edit(as_user, year, staff, officer, stranger):
    url = f"/app/years/{year.pk}/settings/"
    assert as_user(staff).get(url).status_code == 200
    r = as_user(staff).post(
        url,
        {
            "is_open": "on",
            "level_district": "on",
            "level_zone": "on",
            "level_subcommittee": "on",
            "level_committee": "on",
            "certificate_pattern": "พล.{year}/{seq:03d}",
        },
    )
    assert r.status_code == 302
    year.refresh_from_db()
    assert year.level_subcommittee and year.certificate_pattern == "พล.{year}/{seq:03d}"
    r = as_user(staff).post(url, {"level_committee": "on", "certificate_pattern": "{nonsense}"})
    assert r.status_code == 200 and "รูปแบบเลขที่" in r.content.decode()
    assert as_user(officer).get(url).status_code == 403
    assert as_user(stranger).get(url).status_code == 404


@pytest.mark.django_db
def test_targets_district_proposes_province_confirms(as_user, year, staff, officer, neighbour, national):
    url = f"/app/years/{year.pk}/targets/6501/"
    data = {"leader": 2, "group": 1, "network": 1, "community": 1}
    assert as_user(officer).post(url, data).status_code == 302
    t = DistrictTarget.objects.get(year=year, district_id="6501", target_type="leader")
    assert t.target == 2 and not t.confirmed
    assert as_user(staff).post(url, data).status_code == 302
    t.refresh_from_db()
    assert t.confirmed
    r = as_user(officer).post(url, {**data, "group": 0})
    assert r.status_code == 200 and "อย่างน้อยประเภทละ 1" in r.content.decode()
    assert as_user(neighbour).get(url).status_code == 403
    assert as_user(national).get(url).status_code == 403


@pytest.mark.django_db
def test_subtypes_and_zones(as_user, year, staff, officer):
    c = as_user(staff)
    assert c.get(f"/app/years/{year.pk}/subtypes/").status_code == 200
    assert (
        c.post(f"/app/years/{year.pk}/subtypes/", {"target_type": "group", "name": "กลุ่มอาชีพ"}).status_code
        == 302
    )
    r = c.post(f"/app/years/{year.pk}/subtypes/", {"target_type": "group", "name": "กลุ่มอาชีพ"})
    assert "มีประเภทย่อยชื่อนี้แล้ว" in r.content.decode()
    st = year.sub_types.get(name="กลุ่มอาชีพ")
    assert c.post(f"/app/years/{year.pk}/subtypes/{st.pk}/toggle/").status_code == 302
    st.refresh_from_db()
    assert not st.is_active
    assert c.get(f"/app/years/{year.pk}/zones/new/").status_code == 200
    assert (
        c.post(
            f"/app/years/{year.pk}/zones/new/", {"name": "โซน 1", "districts": ["6501", "6502"]}
        ).status_code
        == 302
    )
    zone = year.province.zones.get(name="โซน 1")
    r = c.post(f"/app/years/{year.pk}/zones/new/", {"name": "โซน 2", "districts": ["6502"]})
    assert r.status_code == 200 and "อยู่ในโซน 1 แล้ว" in r.content.decode()
    assert c.get(f"/app/years/{year.pk}/zones/{zone.pk}/").status_code == 200
    assert (
        c.post(f"/app/years/{year.pk}/zones/{zone.pk}/", {"name": "โซน 1", "districts": ["6501"]}).status_code
        == 302
    )
    assert as_user(officer).get(f"/app/years/{year.pk}/zones/new/").status_code == 403
    assert as_user(officer).post(f"/app/years/{year.pk}/subtypes/{st.pk}/toggle/").status_code == 403


@pytest.mark.django_db
def test_year_list_query_count_is_constant(as_user, staff, django_assert_max_num_queries):
    from apps.registry.services import open_programme_year
    from tests.factories import province

    open_programme_year(province(), 2569, by=staff)
    c = as_user(staff)
    c.get("/app/years/")
    with django_assert_max_num_queries(12) as ctx1:
        c.get("/app/years/")
    open_programme_year(province(), 2570, by=staff)
    open_programme_year(province(), 2571, by=staff)
    with django_assert_max_num_queries(len(ctx1.captured_queries)):
        c.get("/app/years/")
    assert ProgrammeYear.objects.count() == 3
