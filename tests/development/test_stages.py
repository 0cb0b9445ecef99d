"""Stage moves (guideline 2.5: the five stages in order). Each move through one service, audited."""

import pytest
from django.core.exceptions import ValidationError

from apps.core.models import AuditEvent
from apps.development.enums import PlanStatus
from apps.development.models import Plan, SelfAssessment
from apps.development.services import stages as dev_stages
from apps.registry import stages
from apps.registry.enums import Outcome, Stage

from .factories import enrolment


def _events(e):
    return list(AuditEvent.objects.for_object(e).filter(action="enrolment.stage_moved").order_by("pk"))


@pytest.mark.django_db
def test_moves_in_order_are_audited(year, sset, officer):
    e = enrolment(year, Stage.RECRUITMENT)
    stages.enter_reinforcement(e, by=officer)
    assert e.stage == Stage.REINFORCEMENT and e.stage_changed_at
    with pytest.raises(ValidationError) as exc:
        dev_stages.enter_self_development(e, by=officer)  # no submitted plan
    assert "ต้องส่งแผนพัฒนาตนเองก่อน" in exc.value.messages[0]
    Plan.objects.create(enrolment=e, status=PlanStatus.SUBMITTED)
    dev_stages.enter_self_development(e, by=officer)
    with pytest.raises(ValidationError) as exc:
        dev_stages.request_evaluation(e, by=officer)  # no self-assessment result
    assert "ประเมินตนเอง" in exc.value.messages[0]
    SelfAssessment.objects.create(enrolment=e, standard_set=sset, percent=80, passed=True)
    dev_stages.request_evaluation(e, by=officer)
    e.refresh_from_db()
    assert e.stage == Stage.EVALUATION
    ev = _events(e)
    assert [(x.before["stage"], x.after["stage"]) for x in ev] == [(2, 3), (3, 4), (4, 5)]
    assert ev[0].actor == officer and ev[0].reason


@pytest.mark.django_db
def test_out_of_order_is_refused_in_thai(year, officer):
    e = enrolment(year, Stage.RECRUITMENT)
    with pytest.raises(ValidationError) as exc:
        dev_stages.request_evaluation(e, by=officer)
    assert "ขณะนี้หน่วยนับอยู่ในขั้นรับสมัคร" in exc.value.messages[0]
    e3 = enrolment(year, Stage.REINFORCEMENT)
    with pytest.raises(ValidationError):
        stages.enter_reinforcement(e3, by=officer)
    done = enrolment(year, Stage.EVALUATION, outcome=Outcome.CERTIFIED)
    with pytest.raises(ValidationError) as exc:
        stages.move_back(done, Stage.SELF_DEVELOPMENT, by=officer, reason="แก้ไข")
    assert "มีผลของปีแล้ว" in exc.value.messages[0]
    e3.refresh_from_db()
    assert e3.stage == Stage.REINFORCEMENT and not _events(e3)


@pytest.mark.django_db
def test_move_back_needs_a_reason_and_an_earlier_stage(year, officer):
    e = enrolment(year, Stage.SELF_DEVELOPMENT)
    with pytest.raises(ValidationError) as exc:
        stages.move_back(e, Stage.REINFORCEMENT, by=officer, reason="  ")
    assert "เหตุผล" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        stages.move_back(e, Stage.EVALUATION, by=officer, reason="ลองดู")
    with pytest.raises(ValidationError):
        stages.move_back(e, Stage.PREPARATION, by=officer, reason="ลองดู")
    stages.move_back(e, Stage.REINFORCEMENT, by=officer, reason="แผนยังไม่ครบ")
    ev = _events(e)[-1]
    assert (ev.before, ev.after, ev.reason) == ({"stage": 4}, {"stage": 3}, "แผนยังไม่ครบ")


@pytest.mark.django_db
def test_close_recruitment_moves_only_that_district(year, officer):
    a, b = enrolment(year, Stage.RECRUITMENT), enrolment(year, Stage.RECRUITMENT)
    other = enrolment(year, Stage.RECRUITMENT, district="6502")
    assert stages.close_recruitment(year, "6501", by=officer) == 2
    for x in (a, b, other):
        x.refresh_from_db()
    assert (a.stage, b.stage, other.stage) == (3, 3, 2)


@pytest.mark.django_db
def test_stage_views_permissions(as_user, year, sset, officer, neighbour, national, stranger, staff):
    e = enrolment(year, Stage.RECRUITMENT)
    url = f"/app/development/{e.pk}/stage/"
    assert as_user(national).post(url, {"action": "reinforcement"}).status_code == 403
    assert as_user(neighbour).post(url, {"action": "reinforcement"}).status_code == 404
    assert as_user(stranger).post(url, {"action": "reinforcement"}).status_code == 404
    r = as_user(officer).post(url, {"action": "evaluation"}, follow=True)
    assert "ขณะนี้หน่วยนับอยู่ในขั้นรับสมัคร" in r.content.decode()
    assert as_user(officer).post(url, {"action": "reinforcement"}).status_code == 302
    e.refresh_from_db()
    assert e.stage == 3
    r = as_user(staff).post(url, {"action": "back", "to_stage": 2, "reason": ""}, follow=True)
    assert "ระบุเหตุผล" in r.content.decode()
    assert as_user(staff).post(url, {"action": "back", "to_stage": 2, "reason": "สมัครซ้ำ"}).status_code == 302
    e.refresh_from_db()
    assert e.stage == 2
    r = as_user(officer).post(url, {"action": "jump"}, follow=True)
    assert "ไม่รู้จักคำสั่งนี้" in r.content.decode()
    # bulk close for a district from the list page
    list_url = f"/app/development/?year={year.pk}&district=6501"
    assert "ปิดรับสมัครของอำเภอ" in as_user(officer).get(list_url).content.decode()
    close = f"/app/development/close-recruitment/?year={year.pk}&district=6501"
    assert as_user(national).post(close).status_code == 403
    assert as_user(neighbour).post(close).status_code == 403
    assert as_user(stranger).post(close).status_code == 404
    assert as_user(officer).post(close).status_code == 302
    e.refresh_from_db()
    assert e.stage == 3
