"""Gating tells the truth (issue 18 item 7; guideline 2.5): a unit enters an evaluation round only with its
self-assessment and its submitted self-development plan, unless provincial staff let it in with a written reason,
which the round page shows. "place all passed" never lets such a unit in."""

import pytest
from django.core.exceptions import ValidationError

from apps.core.models import AuditEvent
from apps.development.models import Plan, SelfAssessment
from apps.evaluation import services
from apps.evaluation.models import RoundEntry
from apps.registry.enums import Stage
from tests.factories import EnrolmentFactory

from .conftest import evaluable

pytestmark = pytest.mark.django_db


@pytest.fixture
def bare(year, standard_set):
    """At stage 5 without self-assessment or plan (the state a hand-moved or imported unit can be in)."""
    return EnrolmentFactory(year=year, stage=Stage.EVALUATION)


def test_a_unit_without_self_assessment_and_plan_is_refused_with_what_it_lacks(district_round, bare, officer):
    with pytest.raises(ValidationError) as exc:
        services.add_entry(district_round, bare, by=officer)
    message = " ".join(exc.value.messages)
    assert "ผลการประเมินตนเอง" in message and "แผนพัฒนาตนเองที่ส่งแล้ว" in message
    assert not RoundEntry.objects.filter(enrolment=bare).exists()


def test_a_draft_plan_is_not_enough(district_round, year, officer, standard_set):
    e = evaluable(year=year)
    Plan.objects.filter(enrolment=e).update(status="draft")
    with pytest.raises(ValidationError, match="แผนพัฒนาตนเองที่ส่งแล้ว"):
        services.add_entry(district_round, e, by=officer)
    SelfAssessment.objects.filter(enrolment=e).update(percent=None)
    assert "ผลการประเมินตนเอง" in services.entry_errors(district_round, e)


def test_staff_let_it_in_with_a_reason_kept_on_the_entry_and_in_the_audit(district_round, bare, staff):
    entry = services.add_entry(
        district_round, bare, by=staff, override_reason="แผนส่งเป็นเอกสาร ยังไม่ได้บันทึกในระบบ (หนังสือ อ.123)"
    )
    assert entry.override_reason.startswith("แผนส่งเป็นเอกสาร")
    event = AuditEvent.objects.get(action="round.entry_added", object_id=str(entry.pk))
    assert event.reason == entry.override_reason


def test_a_reason_is_not_kept_when_nothing_is_missing(district_round, enrolment, staff):
    entry = services.add_entry(district_round, enrolment, by=staff, override_reason="ไม่จำเป็น")
    assert entry.override_reason == ""


def test_place_passed_leaves_out_a_unit_that_lacks_them(district_round, enrolment, bare, staff):
    added = services.place_passed(district_round, by=staff)
    assert [e.enrolment_id for e in added] == [enrolment.pk]


def test_round_page_per_role(as_user, district_round, enrolment, bare, staff, officer, neighbour):
    url = f"/app/evaluation/rounds/{district_round.pk}/"
    page = as_user(staff).get(url).content.decode()
    assert "ยังไม่มีผลการประเมินตนเอง" in page and 'name="override_reason"' in page
    # the district officer manages the district round but may not excuse a missing plan
    page = as_user(officer).get(url).content.decode()
    assert 'name="override_reason"' not in page
    add = f"/app/evaluation/rounds/{district_round.pk}/add/"
    r = as_user(officer).post(add, {"enrolment": bare.pk, "override_reason": "ขอยกเว้น"})
    assert r.status_code == 403
    r = as_user(officer).post(add, {"enrolment": bare.pk}, follow=True)
    assert "จึงเข้ารอบการประเมินไม่ได้" in r.content.decode()
    r = as_user(staff).post(add, {"enrolment": bare.pk, "override_reason": "แผนส่งเป็นเอกสารแล้ว"}, follow=True)
    body = r.content.decode()
    assert "เข้ารอบโดยยกเว้น" in body and "แผนส่งเป็นเอกสารแล้ว" in body
    assert as_user(neighbour).get(url).status_code == 404
