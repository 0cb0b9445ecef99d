"""The unit list and unit page: permissions, constant query counts, the landing panel, the whole walk 2 → 5."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.core.models import AuditEvent
from apps.development.models import Activity, Plan, Visit
from apps.development.services import plans as plan_services
from apps.development.services.media import save_photos
from apps.registry.enums import Stage

from .factories import enrolment, png, scores_post


def _fill(e, by):
    """An enrolment with an assessment, a plan of two activities, two visits."""
    from apps.development.selectors import indicators_of
    from apps.development.services.assessment import save_assessment, start_assessment

    sa = start_assessment(e, by=by)
    ids = [i.pk for i in indicators_of(sa.standard_set)]
    save_assessment(sa, scores={ids[0]: 1, ids[1]: 2, ids[2]: 4}, notes={}, header={}, by=by)
    plan = plan_services.start_plan(e, by=by)
    for k in range(2):
        plan_services.save_activity(
            plan,
            {
                "what": f"กิจกรรม {k}",
                "starts_on": dt.date(2027, 1, 5),
                "ends_on": dt.date(2027, 1, 9),
                "who": "x",
            },
            indicators=list(indicators_of(sa.standard_set)[1:2]),
            by=by,
        )
    for k in range(2):
        Visit.objects.create(enrolment=e, visited_on=dt.date(2026, 11, 1 + k), visitors="x")


@pytest.mark.django_db
def test_unit_list_and_page_permissions(as_user, unit_e, officer, staff, national, neighbour, stranger):
    for u in (officer, staff, national):
        assert unit_e.unit.name in as_user(u).get("/app/development/").content.decode()
        assert as_user(u).get(f"/app/development/{unit_e.pk}/").status_code == 200
    assert unit_e.unit.name not in as_user(neighbour).get("/app/development/").content.decode()
    assert as_user(neighbour).get(f"/app/development/{unit_e.pk}/").status_code == 404
    assert as_user(stranger).get(f"/app/development/{unit_e.pk}/").status_code == 404
    r = as_user(officer).get(f"/app/development/?year={unit_e.year_id}&stage=3&district=6501")
    assert unit_e.unit.name in r.content.decode()


@pytest.mark.django_db
def test_query_counts_do_not_grow(as_user, year, sset, officer, django_assert_max_num_queries):
    c = as_user(officer)
    first = enrolment(year)
    _fill(first, officer)
    c.get(f"/app/development/{first.pk}/")
    with django_assert_max_num_queries(40) as one:
        c.get(f"/app/development/{first.pk}/")
    with django_assert_max_num_queries(40) as one_list:
        c.get(f"/app/development/?year={year.pk}")
    more = enrolment(year)
    _fill(more, officer)
    for k in range(3):  # more activities, visits, photos on the same page
        Activity.objects.create(
            plan=more.plan,
            what=f"เพิ่ม {k}",
            starts_on=dt.date(2027, 2, 1),
            ends_on=dt.date(2027, 2, 2),
            who="x",
        )
        v = Visit.objects.create(enrolment=more, visited_on=dt.date(2026, 11, 5), visitors="x")
        v.photos.add(
            *save_photos(
                [png()], enrolment=more, stage=3, caption="x", taken_on=dt.date(2026, 11, 5), by=officer
            )
        )
    enrolment(year)
    with django_assert_max_num_queries(len(one.captured_queries)):
        c.get(f"/app/development/{more.pk}/")
    with django_assert_max_num_queries(len(one_list.captured_queries)):
        c.get(f"/app/development/?year={year.pk}")


@pytest.mark.django_db
def test_landing_panel_for_district_officers(as_user, unit_e, officer, staff):
    page = as_user(officer).get("/app/").content.decode()
    assert "การประเมินตนเองและแผนพัฒนาตนเองที่ต้องทำ" in page and unit_e.unit.name in page
    assert "ยังไม่ได้ไปติดตามเกิน 4 สัปดาห์" in page
    assert "การประเมินตนเองและแผนพัฒนาตนเองที่ต้องทำ" not in as_user(staff).get("/app/").content.decode()
    nav = as_user(officer).get("/app/").content.decode()
    assert "มาตรฐาน/ตัวชี้วัด" in nav and "ประเมินตนเองและแผน" in nav and "ติดตามนิเทศ" in nav


@pytest.mark.django_db
def test_walk_from_stage_2_to_5_as_district_officer(as_user, year, sset, officer, queued_download):
    """The issue's "done means": assess, plan, two visits with photos, request evaluation, print the plan."""
    e = enrolment(year, Stage.RECRUITMENT)
    c = as_user(officer)
    base = f"/app/development/{e.pk}"
    assert c.post(f"{base}/stage/", {"action": "reinforcement"}).status_code == 302
    c.post(f"{base}/assessment/")
    e.refresh_from_db()
    assert (
        c.post(f"{base}/assessment/", scores_post(sset, [1, 3, 2], e.self_assessment.version)).status_code
        == 302
    )
    c.post(f"{base}/plan/")
    c.post(
        f"{base}/plan/activities/new/",
        {
            "what": "อบรมบัญชี",
            "starts_on": "10/01/2570",
            "ends_on": "12/01/2570",
            "who": "กรรมการ",
            "budget": "0",
        },
    )
    plan = Plan.objects.get(enrolment=e)
    assert c.post(f"{base}/plan/submit/", {"version": plan.version}).status_code == 302
    today = timezone.localdate()
    for k in range(2):
        d = today - dt.timedelta(days=k)
        c.post(
            f"{base}/visits/new/",
            {
                "kind": "visit",
                "visited_on": f"{d.day:02d}/{d.month:02d}/{d.year + 543}",
                "visitors": "พัฒนากร",
                "photos": [png(f"v{k}.png")],
            },
        )
    assert Visit.objects.filter(enrolment=e).count() == 2
    assert c.post(f"{base}/stage/", {"action": "evaluation"}).status_code == 302
    e.refresh_from_db()
    assert e.stage == Stage.EVALUATION
    moves = AuditEvent.objects.for_object(e).filter(action="enrolment.stage_moved").count()
    assert moves == 3
    assert queued_download(c, f"{base}/plan.pdf").startswith(b"%PDF")
    # once in evaluation, the assessment and the plan are frozen
    r = c.post(f"{base}/plan/reopen/", {"reason": "แก้"}, follow=True)
    assert "ขั้นประเมินเพื่อรับรองแล้ว" in r.content.decode()
