"""Supervision (guideline 2.6: "ให้เจ้าหน้าที่พัฒนาชุมชนติดตามนิเทศงานกลุ่มเป้าหมายอย่างใกล้ชิด")."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.development.models import Visit
from apps.registry.enums import Stage

from .factories import enrolment, png

VISIT = {
    "kind": "visit",
    "visitors": "พัฒนากรประจำตำบล",
    "learned": "ทำบัญชีได้",
    "advice": "เก็บหลักฐาน",
    "next_step": "ติดตามเดือนหน้า",
}


def _be(d):
    return f"{d.day:02d}/{d.month:02d}/{d.year + 543}"


@pytest.mark.django_db
def test_record_visits_with_photos(as_user, unit_e, officer, national, neighbour, stranger):
    url = f"/app/development/{unit_e.pk}/visits/new/"
    today = timezone.localdate()
    c = as_user(officer)
    assert c.get(url).status_code == 200
    r = c.post(url, {**VISIT, "visited_on": _be(today), "photos": [png("a.png"), png("b.png")]})
    assert r.status_code == 302
    v = Visit.objects.get()
    assert v.photos.count() == 2 and v.created_by == officer
    assert c.get(f"/app/development/{unit_e.pk}/visits/{v.pk}/").status_code == 200
    assert (
        c.post(
            f"/app/development/{unit_e.pk}/visits/{v.pk}/",
            {**VISIT, "kind": "learning", "visited_on": _be(today)},
        ).status_code
        == 302
    )
    v.refresh_from_db()
    assert v.kind == "learning" and v.photos.count() == 2
    # a future date and a date outside the fiscal year: Thai messages, nothing saved
    r = c.post(url, {**VISIT, "visited_on": _be(today + dt.timedelta(days=3))})
    assert "ต้องไม่เกินวันนี้" in r.content.decode()
    r = c.post(url, {**VISIT, "visited_on": "01/01/2560"})
    assert "ต้องอยู่ในปีงบประมาณ" in r.content.decode()
    r = c.post(url, {**VISIT, "visited_on": "2026-11-01"})
    assert "พ.ศ." in r.content.decode()
    assert Visit.objects.count() == 1
    assert as_user(national).get(url).status_code == 403
    assert as_user(neighbour).get(url).status_code == 404
    assert as_user(stranger).post(url, {**VISIT, "visited_on": _be(today)}).status_code == 404
    e2 = enrolment(unit_e.year, Stage.RECRUITMENT)
    r = as_user(officer).post(f"/app/development/{e2.pk}/visits/new/", {**VISIT, "visited_on": _be(today)})
    assert "ยังไม่เริ่มการติดตามนิเทศ" in r.content.decode()


@pytest.mark.django_db
def test_units_not_visited_for_n_weeks(as_user, year, officer, staff, neighbour, stranger):
    today = timezone.localdate()
    recent, old, never = (enrolment(year) for _ in range(3))
    other = enrolment(year, district="6502")
    Visit.objects.create(enrolment=recent, visited_on=today - dt.timedelta(days=3), visitors="x")
    Visit.objects.create(enrolment=old, visited_on=today - dt.timedelta(weeks=5), visitors="x")
    page = as_user(officer).get(f"/app/supervision/?year={year.pk}&weeks=4").content.decode()
    assert old.unit.name in page and never.unit.name in page and other.unit.name not in page
    assert f'<a href="/app/development/{recent.pk}/">' not in page.split("การติดตามล่าสุด")[0]
    page = as_user(officer).get(f"/app/supervision/?year={year.pk}&weeks=8").content.decode()
    assert f'<a href="/app/development/{old.pk}/">' not in page.split("การติดตามล่าสุด")[0]
    page = as_user(staff).get(f"/app/supervision/?year={year.pk}&weeks=x&district=6502").content.decode()
    assert other.unit.name in page and never.unit.name not in page
    assert never.unit.name not in as_user(neighbour).get("/app/supervision/").content.decode()
    assert year.province.name_th not in as_user(stranger).get("/app/supervision/").content.decode()


@pytest.mark.django_db
def test_month_calendar_per_district(as_user, year, officer, staff, neighbour, stranger, national):
    e = enrolment(year)
    Visit.objects.create(enrolment=e, visited_on=dt.date(2026, 11, 10), visitors="x")
    Visit.objects.create(
        enrolment=enrolment(year, district="6502"), visited_on=dt.date(2026, 11, 11), visitors="x"
    )
    r = as_user(officer).get("/app/supervision/calendar/?month=2569-11")
    page = r.content.decode()
    assert r.status_code == 200 and "พฤศจิกายน 2569" in page and e.unit.name in page and "1 ครั้ง" in page
    assert "ตุลาคม 2569" not in page and "month=2026-10" in page
    page = as_user(staff).get("/app/supervision/calendar/?district=6502&month=2026-11").content.decode()
    assert "นครไทย" in page and e.unit.name not in page and "1 ครั้ง" in page
    assert as_user(national).get("/app/supervision/calendar/?month=bad").status_code == 200
    assert as_user(neighbour).get("/app/supervision/calendar/?district=6501").status_code == 404
    assert as_user(stranger).get("/app/supervision/calendar/?district=6501").status_code == 404


@pytest.mark.django_db
def test_a_visit_recorded_by_mistake_is_removed_and_audited(
    as_user, unit_e, officer, national, neighbour, stranger
):
    from apps.core.models import AuditEvent
    from apps.registry.enums import Outcome
    from apps.registry.models import Photo

    c = as_user(officer)
    today = timezone.localdate()
    c.post(
        f"/app/development/{unit_e.pk}/visits/new/",
        {**VISIT, "visited_on": _be(today), "photos": [png("a.png")]},
    )
    v = Visit.objects.get()
    url = f"/app/development/{unit_e.pk}/visits/{v.pk}/remove/"
    assert url in c.get(f"/app/development/{unit_e.pk}/visits/{v.pk}/").content.decode()
    assert as_user(national).post(url).status_code == 403
    assert as_user(neighbour).post(url).status_code == 404
    assert as_user(stranger).post(url).status_code == 404
    assert Visit.objects.count() == 1
    c = as_user(officer)
    r = c.post(url, follow=True)
    assert "ลบบันทึกการติดตามวันที่" in r.content.decode() and not Visit.objects.exists()
    assert (
        Photo.objects.filter(unit=unit_e.unit, year=unit_e.year).count() == 1
    )  # the photo stays with the unit
    ev = AuditEvent.objects.get(action="visit.removed")
    assert ev.actor == officer and ev.before["learned"] == VISIT["learned"] and ev.before["photos"] == 1
    assert c.post(url).status_code == 404  # clicked twice
    # once the year has its outcome, the record is history
    c.post(f"/app/development/{unit_e.pk}/visits/new/", {**VISIT, "visited_on": _be(today)})
    v = Visit.objects.get()
    type(unit_e).objects.filter(pk=unit_e.pk).update(outcome=Outcome.CERTIFIED)
    r = c.post(f"/app/development/{unit_e.pk}/visits/{v.pk}/remove/", follow=True)
    assert "บันทึกการติดตามเป็นประวัติ จึงลบไม่ได้" in r.content.decode() and Visit.objects.count() == 1
