"""Self-development plan (guideline 2.5 stage 3, 2.6): draft → submitted, progress with photos, carry-over copy."""

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import ValidationError

from apps.development.enums import PlanStatus
from apps.development.models import Activity, Goal, Plan
from apps.development.selectors import indicators_of
from apps.development.services import plans as plan_services
from apps.development.services.assessment import save_assessment, start_assessment
from apps.registry.enums import Outcome, Stage
from apps.registry.services import open_programme_year
from tests.factories import province

from .factories import enrolment, make_set, png


def _assessed(e, s, by):
    sa = start_assessment(e, by=by)
    ids = [i.pk for i in indicators_of(s)]
    save_assessment(sa, scores={ids[0]: 1, ids[1]: 2, ids[2]: 4}, notes={}, header={}, by=by)
    return sa


ACTIVITY = {
    "what": "อบรมการทำบัญชี",
    "starts_on": "15/01/2570",
    "ends_on": "30/01/2570",
    "who": "คณะกรรมการกลุ่ม",
    "partner": "อบต.",
    "budget": "3000",
    "budget_source": "อบต.",
}


@pytest.mark.django_db
def test_plan_editing_and_submit_moves_to_stage_4(
    as_user, unit_e, sset, officer, national, neighbour, stranger
):
    _assessed(unit_e, sset, officer)
    url = f"/app/development/{unit_e.pk}/plan/"
    c = as_user(officer)
    assert c.get(url).status_code == 200
    assert as_user(national).post(url).status_code == 403
    assert as_user(neighbour).get(url).status_code == 404
    assert as_user(stranger).get(url).status_code == 404
    c = as_user(officer)
    assert c.post(url).status_code == 302
    plan = Plan.objects.get(enrolment=unit_e)
    r = c.get(url)
    assert (
        "ยังไม่มีกิจกรรม" in r.content.decode() and "G2" in r.content.decode()
    )  # the gap the plan should address
    assert c.post(url, {"summary": "ปัญหาเรื่องบัญชี", "version": plan.version}).status_code == 302
    r = c.post(url, {"summary": "x", "version": 0})
    assert "มีผู้อื่นแก้ไขแผนนี้ไปแล้ว" in r.content.decode()
    assert c.post(f"{url}goals/", {"text": "บัญชีเป็นปัจจุบัน", "order": 1}).status_code == 302
    goal = Goal.objects.get(plan=plan)
    assert c.post(f"{url}goals/{goal.pk}/", {"text": "บัญชีเป็นปัจจุบันทุกเดือน", "order": 1}).status_code == 302
    r = c.post(f"{url}goals/", {"text": ""}, follow=True)
    assert "กรุณากรอกเป้าหมายการพัฒนา" in r.content.decode()
    g2 = indicators_of(sset).get(code="G2")
    assert c.get(f"{url}activities/new/?indicator={g2.pk}").status_code == 200
    # submit with no activity: refused
    r = c.post(f"{url}submit/", follow=True)
    assert "ต้องมีกิจกรรมอย่างน้อย 1 กิจกรรม" in r.content.decode()
    # a date outside the fiscal year (FY 2570 = 1 Oct 2569 – 30 Sep 2570): refused, nothing saved
    r = c.post(
        f"{url}activities/new/",
        {
            **ACTIVITY,
            "starts_on": "15/10/2570",
            "ends_on": "20/10/2570",
            "goal": goal.pk,
            "indicators": [g2.pk],
        },
    )
    assert r.status_code == 200 and "ต้องอยู่ในปีงบประมาณ 2570" in r.content.decode()
    r = c.post(f"{url}activities/new/", {**ACTIVITY, "ends_on": "01/01/2570"})
    assert "วันสิ้นสุดกิจกรรมต้องไม่ก่อนวันเริ่ม" in r.content.decode()
    assert not Activity.objects.exists()
    assert (
        c.post(f"{url}activities/new/", {**ACTIVITY, "goal": goal.pk, "indicators": [g2.pk]}).status_code
        == 302
    )
    a = Activity.objects.get()
    assert a.starts_on == dt.date(2027, 1, 15) and list(a.indicators.all()) == [g2]
    assert c.get(f"{url}activities/{a.pk}/").status_code == 200
    assert c.post(f"{url}activities/{a.pk}/", {**ACTIVITY, "what": "อบรมบัญชีครัวเรือน"}).status_code == 302
    extra = Activity.objects.create(plan=plan, what="ลบทิ้ง", starts_on=a.starts_on, ends_on=a.ends_on, who="x")
    assert c.post(f"{url}activities/{extra.pk}/remove/").status_code == 302
    assert as_user(national).post(f"{url}submit/").status_code == 403
    c = as_user(officer)
    plan.refresh_from_db()
    assert c.post(f"{url}submit/", {"version": plan.version}).status_code == 302
    plan.refresh_from_db()
    unit_e.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and unit_e.stage == Stage.SELF_DEVELOPMENT
    # editing a submitted plan: refused with a Thai message, nothing changed
    r = c.post(f"{url}activities/{a.pk}/", {**ACTIVITY, "what": "แก้หลังส่ง"})
    assert "แผนนี้ส่งแล้ว แก้ไขไม่ได้" in r.content.decode()
    r = c.post(f"{url}goals/{goal.pk}/remove/", follow=True)
    assert "แผนนี้ส่งแล้ว" in r.content.decode()
    assert c.get(f"{url}activities/{a.pk}/").status_code == 302
    a.refresh_from_db()
    assert a.what == "อบรมบัญชีครัวเรือน" and Goal.objects.filter(pk=goal.pk).exists()
    # reopen needs a reason; it sends the unit back to stage 3
    r = c.post(f"{url}reopen/", {"reason": ""}, follow=True)
    assert "กรุณาระบุเหตุผล" in r.content.decode()
    assert c.post(f"{url}reopen/", {"reason": "เพิ่มกิจกรรม"}).status_code == 302
    plan.refresh_from_db()
    unit_e.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and unit_e.stage == Stage.REINFORCEMENT
    assert c.post(f"{url}goals/{goal.pk}/remove/").status_code == 302
    assert not Goal.objects.exists()


@pytest.mark.django_db
def test_progress_with_photos(as_user, unit_e, sset, officer, national, neighbour):
    _assessed(unit_e, sset, officer)
    plan = plan_services.start_plan(unit_e, by=officer)
    a = plan_services.save_activity(
        plan,
        {
            "what": "อบรม",
            "starts_on": dt.date(2027, 1, 5),
            "ends_on": dt.date(2027, 1, 6),
            "who": "กรรมการ",
            "budget": 0,
        },
        indicators=[],
        by=officer,
    )
    url = f"/app/development/{unit_e.pk}/plan/activities/{a.pk}/progress/"
    c = as_user(officer)
    r = c.post(url, {"progress": "done", "note": "ครบ"})
    assert "รายงานความก้าวหน้าได้หลังส่งแผนแล้วเท่านั้น" in r.content.decode()
    plan_services.submit_plan(plan, by=officer)
    assert c.get(url).status_code == 200
    r = c.post(url, {"progress": "partly", "note": "อบรมแล้วครึ่งหนึ่ง", "photos": [png("a.png"), png("b.png")]})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.progress == "partly" and a.photos.count() == 2
    p = a.photos.first()
    assert p.unit_id == unit_e.unit_id and p.stage == Stage.SELF_DEVELOPMENT
    assert c.get(f"/app/development/photos/{p.pk}/").status_code == 200
    assert as_user(neighbour).get(f"/app/development/photos/{p.pk}/").status_code == 404
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    r = as_user(officer).post(url, {"progress": "done", "photos": [fake]})
    assert "ไฟล์รูปภาพเสีย" in r.content.decode()
    a.refresh_from_db()
    assert a.progress == "partly" and a.photos.count() == 2
    assert as_user(national).post(url, {"progress": "done"}).status_code == 403


@pytest.mark.django_db
def test_carried_over_unit_starts_from_last_years_plan(staff, officer):
    y69 = open_programme_year(province(), 2569, by=staff)
    s69 = make_set(y69)
    old = enrolment(y69, Stage.EVALUATION, outcome=Outcome.NOT_PASSED)
    plan69 = Plan.objects.create(enrolment=old, summary="แผนปีก่อน", status=PlanStatus.SUBMITTED)
    g = Goal.objects.create(plan=plan69, text="บัญชีครบถ้วน")
    act = Activity.objects.create(
        plan=plan69,
        goal=g,
        what="อบรมบัญชี",
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 2, 3),
        who="กรรมการ",
    )
    act.indicators.add(indicators_of(s69).get(code="G2"))
    y70 = open_programme_year(province(), 2570, by=staff, copy_from=y69)  # the catalogue is copied forward
    from apps.registry.models import Enrolment

    new = Enrolment.objects.create(
        unit=old.unit, year=y70, stage=Stage.REINFORCEMENT, previous=old, carried_over=True
    )
    plan = plan_services.start_plan(new, by=officer)
    assert plan.copied_from == plan69 and plan.summary == "แผนปีก่อน" and plan.status == PlanStatus.DRAFT
    a = plan.activities.get()
    assert a.starts_on == dt.date(2027, 2, 1) and a.goal.text == "บัญชีครบถ้วน"
    assert [i.component.standard_set.year_id for i in a.indicators.all()] == [
        y70.pk
    ]  # mapped to this year's set


@pytest.mark.django_db
def test_services_refuse_bad_input(unit_e, sset, officer):
    plan = plan_services.start_plan(unit_e, by=officer)
    other_set = make_set(unit_e.year, version=2, title="อื่น")
    with pytest.raises(ValidationError) as exc:
        plan_services.save_activity(
            plan,
            {
                "what": "x",
                "starts_on": dt.date(2027, 1, 1),
                "ends_on": dt.date(2027, 1, 2),
                "who": "x",
                "budget": -5,
            },
            indicators=list(indicators_of(other_set)[:1]),
            by=officer,
        )
    text = " ".join(exc.value.messages)
    assert "งบประมาณติดลบไม่ได้" in text
    with pytest.raises(ValidationError) as exc:
        plan_services.submit_plan(plan, by=officer)
    e2 = enrolment(unit_e.year, Stage.RECRUITMENT)
    p2 = plan_services.start_plan(e2, by=officer)
    with pytest.raises(ValidationError) as exc:
        plan_services.submit_plan(p2, by=officer)
    assert "ขั้นรับสมัคร" in exc.value.messages[0]


@pytest.mark.django_db
def test_printable_pdfs(as_user, unit_e, sset, officer, stranger, tmp_path, queued_download):
    _assessed(unit_e, sset, officer)
    plan = plan_services.start_plan(unit_e, by=officer)
    for k in range(8):
        plan_services.save_activity(
            plan,
            {
                "what": f"กิจกรรมที่ {k + 1} ฝึกอบรมการจัดทำบัญชีครัวเรือน",
                "starts_on": dt.date(2027, 1, 5 + k),
                "ends_on": dt.date(2027, 2, 6),
                "who": "คณะกรรมการกลุ่ม",
                "partner": "อบต.",
                "budget": 2500,
                "budget_source": "อบต.",
            },
            indicators=[],
            by=officer,
        )
    c = as_user(officer)
    # both are built by the worker behind the progress page (issue 23 item 4)
    assert queued_download(c, f"/app/development/{unit_e.pk}/assessment.pdf").startswith(b"%PDF")
    pdf = queued_download(c, f"/app/development/{unit_e.pk}/plan.pdf")
    assert pdf.startswith(b"%PDF")
    out = tmp_path / "plan.pdf"
    out.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Sarabun" in fonts
    assert as_user(stranger).get(f"/app/development/{unit_e.pk}/plan.pdf").status_code == 404
    e2 = enrolment(unit_e.year)
    assert as_user(officer).get(f"/app/development/{e2.pk}/plan.pdf").status_code == 302  # no plan yet
