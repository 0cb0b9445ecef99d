import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.evaluation import services
from apps.evaluation.models import Round, RoundEntry
from apps.registry.enums import Stage
from tests.factories import EnrolmentFactory, UnitFactory, district

from .conftest import evaluable, make_round

pytestmark = pytest.mark.django_db

ROUND = {
    "title": "รอบประเมินโซน 1",
    "starts_on": "10/08/2570",
    "ends_on": "11/08/2570",
    "place": "ห้องประชุมอำเภอวังทอง",
    "online_url": "https://meet.example.org/zone1",
    "first_slot": "09:00",
    "slot_minutes": 20,
}


def test_staff_creates_and_edits_a_round(as_user, staff, national, stranger, zone_committee, zone_member):
    c = as_user(staff)
    assert c.get("/app/evaluation/rounds/new/").status_code == 200
    r = c.post("/app/evaluation/rounds/new/", {**ROUND, "committee": zone_committee.pk})
    assert r.status_code == 302
    rnd = Round.objects.get()
    assert rnd.starts_on == dt.date(2027, 8, 10)  # B.E. typed, ISO stored
    url = f"/app/evaluation/rounds/{rnd.pk}/edit/"
    assert c.get(url).status_code == 200
    r = c.post(url, {**ROUND, "ends_on": "01/08/2570"})
    assert r.status_code == 200 and "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม" in r.content.decode()
    r = c.post(url, {**ROUND, "place": "", "online_url": ""})
    assert "สถานที่หรือลิงก์" in r.content.decode()
    assert c.post(url, {**ROUND, "title": "รอบโซน 1 (เลื่อน)"}).status_code == 302
    assert as_user(national).get(url).status_code == 403
    assert as_user(zone_member).post(url, ROUND).status_code == 403
    assert as_user(stranger).get(url).status_code == 404
    assert as_user(national).get("/app/evaluation/rounds/new/").status_code == 403
    lst = as_user(zone_member).get("/app/evaluation/rounds/").content.decode()
    assert "รอบโซน 1 (เลื่อน)" in lst


def test_stage_five_needed_for_first_round(as_user, officer, district_round, year, standard_set):
    early = EnrolmentFactory(year=year, stage=Stage.SELF_DEVELOPMENT)
    r = as_user(officer).post(
        f"/app/evaluation/rounds/{district_round.pk}/add/", {"enrolment": early.pk}, follow=True
    )
    assert "ขั้นที่ 5" in r.content.decode()
    assert not RoundEntry.objects.exists()


def test_enter_zone_round_only_after_passing_district(
    as_user, staff, zone_round, enrolment, district_round, officer
):
    url = f"/app/evaluation/rounds/{zone_round.pk}/add/"
    r = as_user(staff).post(url, {"enrolment": enrolment.pk}, follow=True)
    assert "ยังไม่ผ่านการประเมินคณะกรรมการ มชช. อำเภอ" in r.content.decode()
    assert not zone_round.entries.exists()
    entry = services.add_entry(district_round, enrolment, by=officer)
    from apps.evaluation.decisions import decide

    decide(entry, decision="pass", reason="มติที่ประชุม", by=officer)
    r = as_user(staff).post(url, {"enrolment": enrolment.pk})
    assert r.status_code == 302 and zone_round.entries.count() == 1
    # twice in the same level: refused
    r = as_user(staff).post(url, {"enrolment": enrolment.pk}, follow=True)
    assert "อยู่ในรอบการประเมินระดับนี้แล้ว" in r.content.decode()


def test_chain_skips_a_level_switched_off(staff, year, officer, passed_district, province_committee, chair):
    year.level_zone = False
    year.save(update_fields=["level_zone"])
    rnd = make_round(province_committee, staff)
    entry = services.add_entry(rnd, passed_district.enrolment, by=staff)
    assert entry.round == rnd


def test_place_all_passed_units_of_the_zone_in_one_action(
    as_user, staff, zone_round, year, officer, zone_member, national, district_round, standard_set
):
    from apps.evaluation.decisions import decide

    units = [evaluable(year=year) for _ in range(3)]
    far = evaluable(year=year, unit=UnitFactory(district=district("6502")))
    for e in units[:2]:
        decide(services.add_entry(district_round, e, by=officer), decision="pass", reason="มติ", by=officer)
    url = f"/app/evaluation/rounds/{zone_round.pk}/place-passed/"
    assert as_user(zone_member).post(url).status_code == 403
    assert as_user(national).post(url).status_code == 403
    assert as_user(staff).post(url).status_code == 302
    placed = set(zone_round.entries.values_list("enrolment_id", flat=True))
    assert placed == {units[0].pk, units[1].pk} and far.pk not in placed
    assert as_user(staff).post(url, follow=True).status_code == 200  # nothing more: a message, no error


def test_schedule_and_recording(as_user, staff, zone_member, stranger, zone_round, passed_district, national):
    entry = services.add_entry(zone_round, passed_district.enrolment, by=staff)
    url = f"/app/evaluation/entries/{entry.pk}/schedule/"
    assert as_user(staff).get(url).status_code == 200
    bad = SimpleUploadedFile("clip.exe", b"MZ", content_type="application/octet-stream")
    r = as_user(staff).post(
        url, {"order": 2, "slot_start": "09:20", "slot_minutes": 20, "mode": "recorded", "recording": bad}
    )
    assert r.status_code == 200 and "ไฟล์ชนิดนี้ใช้ไม่ได้" in r.content.decode()
    pdf = SimpleUploadedFile("presentation.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    r = as_user(staff).post(
        url, {"order": 2, "slot_start": "09:20", "slot_minutes": 20, "mode": "recorded", "recording": pdf}
    )
    assert r.status_code == 302
    entry.refresh_from_db()
    assert entry.order == 2 and entry.mode == "recorded" and entry.recording
    dl = f"/app/evaluation/entries/{entry.pk}/recording/"
    r = as_user(zone_member).get(dl)
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    assert as_user(stranger).get(dl).status_code == 404
    assert as_user(zone_member).get(url).status_code == 403
    assert as_user(national).post(url, {"order": 1, "mode": "online"}).status_code == 403
    page = as_user(zone_member).get(f"/app/evaluation/rounds/{zone_round.pk}/")
    assert page.status_code == 200 and "09:20" in page.content.decode()
    assert as_user(stranger).get(f"/app/evaluation/rounds/{zone_round.pk}/").status_code == 404


def test_round_page_constant_queries(
    as_user, staff, zone_round, year, standard_set, zone_member, zone_chair, django_assert_max_num_queries
):
    from .conftest import submit

    def add(n):
        for _ in range(n):
            e = evaluable(year=year)
            entry = RoundEntry.objects.create(
                round=zone_round, enrolment=e, order=zone_round.entries.count() + 1
            )
            submit(entry, zone_member)

    from django.core.cache import cache

    url = f"/app/evaluation/rounds/{zone_round.pk}/"
    c = as_user(staff)
    add(1)
    c.get(url)
    cache.clear()  # every verdict computed from the scores
    with django_assert_max_num_queries(40) as cold:
        c.get(url)
    add(2)
    cache.clear()
    with django_assert_max_num_queries(len(cold.captured_queries)):
        r = c.get(url)
    assert r.status_code == 200
    # the verdicts of unchanged scorecards come from the cache: no indicator and no score is read
    with django_assert_max_num_queries(len(cold.captured_queries)) as warm:
        c.get(url)
    sql = " ".join(q["sql"] for q in warm.captured_queries)
    assert 'FROM "evaluation_score"' not in sql and 'FROM "development_indicator"' not in sql
