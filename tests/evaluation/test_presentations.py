"""Issue 21 item 2: the exemplar presentations of August (guideline 2.8) are items of a provincial committee
meeting, one per district exemplar, in order, with start time, minutes and the committee's remarks; the
invitation and the minutes list them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.models import AuditEvent
from apps.evaluation import exemplars, meetings
from apps.evaluation.models import Presentation
from apps.paperwork import compose
from apps.paperwork.models import Kind
from tests.factories import district

pytestmark = pytest.mark.django_db


@pytest.fixture
def august(committee_round, staff):
    return meetings.create_meeting(
        committee_round,
        by=staff,
        held_on=timezone.localdate() - dt.timedelta(days=3),
        starts_at=dt.time(9, 0),
    )


@pytest.fixture
def two_exemplars(year, officer, enrolment, enrolment_6505, staff):
    return [
        exemplars.nominate(year, district("6501"), enrolment, by=officer),
        exemplars.nominate(year, district("6505"), enrolment_6505, by=staff),
    ]


def test_all_exemplars_go_on_the_agenda_in_order_one_after_another(august, two_exemplars, staff):
    items = meetings.add_all_presentations(august, by=staff, minutes=20, starts_at=dt.time(9, 30))
    assert [(p.order, p.exemplar.district_id, p.starts_at, p.minutes) for p in items] == [
        (1, "6501", dt.time(9, 30), 20),
        (2, "6505", dt.time(9, 50), 20),
    ]
    assert AuditEvent.objects.filter(action="meeting.presentation_added").count() == 2
    with pytest.raises(ValidationError, match="ไม่มีหน่วยนับต้นแบบ"):
        meetings.add_all_presentations(august, by=staff)
    with pytest.raises(ValidationError, match="อยู่ในวาระการนำเสนอของการประชุมนี้แล้ว"):
        meetings.add_presentation(august, district("6501"), by=staff)


def test_a_district_with_no_exemplar_is_refused_with_a_thai_message(august, two_exemplars, staff, as_user):
    r = as_user(staff).post(
        f"/app/evaluation/meetings/{august.pk}/presentations/add/",
        {"district": "6502", "minutes": "15"},
        follow=True,
    )
    assert r.status_code == 200
    assert "ยังไม่มีหน่วยนับต้นแบบของปีงบประมาณ" in r.content.decode()
    assert not Presentation.objects.exists()
    r = as_user(staff).post(
        f"/app/evaluation/meetings/{august.pk}/presentations/add/", {"district": "6501", "minutes": "15"}
    )
    assert r.status_code == 302
    (p,) = Presentation.objects.all()
    assert (p.exemplar.district_id, p.starts_at, p.minutes) == ("6501", dt.time(9, 0), 15)
    page = as_user(staff).get(f"/app/evaluation/meetings/{august.pk}/").content.decode()
    assert "การนำเสนอผลงานต้นแบบอำเภอ" in page and p.exemplar.enrolment.unit.name in page


@pytest.mark.parametrize("bad", [{"district": "9999", "minutes": "15"}, {"district": "6501", "minutes": "0"}])
def test_bad_input_is_a_message_not_a_500(august, two_exemplars, staff, as_user, bad):
    r = as_user(staff).post(f"/app/evaluation/meetings/{august.pk}/presentations/add/", bad, follow=True)
    assert r.status_code == 200 and not Presentation.objects.exists()


def test_only_a_provincial_committee_meeting_holds_presentations(zone_round, two_exemplars, staff):
    zone_meeting = meetings.create_meeting(zone_round, by=staff, held_on=timezone.localdate())
    with pytest.raises(ValidationError, match="คณะกรรมการ มชช. จังหวัดเท่านั้น"):
        meetings.add_presentation(zone_meeting, district("6501"), by=staff)


def test_remarks_after_the_meeting_audited_and_kept_on_the_item(august, two_exemplars, staff, as_user):
    first, second = meetings.add_all_presentations(august, by=staff, minutes=20)
    r = as_user(staff).post(
        f"/app/evaluation/presentations/{second.pk}/",
        {"order": "1", "starts_at": "09:00", "minutes": "25", "remarks": "ผลงานเป็นรูปธรรม ควรเผยแพร่"},
    )
    assert r.status_code == 302
    second.refresh_from_db()
    assert (second.order, second.minutes, second.remarks, second.remarks_by) == (
        1,
        25,
        "ผลงานเป็นรูปธรรม ควรเผยแพร่",
        staff,
    )
    assert AuditEvent.objects.filter(action="meeting.presentation_updated").exists()
    # an item with remarks stays on the agenda; one without can be removed
    with pytest.raises(ValidationError, match="มีข้อคิดเห็นของคณะกรรมการแล้ว"):
        meetings.remove_presentation(second, by=staff)
    assert as_user(staff).post(f"/app/evaluation/presentations/{first.pk}/remove/").status_code == 302
    assert list(Presentation.objects.values_list("pk", flat=True)) == [second.pk]


def test_remarks_before_the_meeting_day_are_refused(committee_round, two_exemplars, staff):
    later = meetings.create_meeting(
        committee_round, by=staff, held_on=timezone.localdate() + dt.timedelta(days=5)
    )
    (p, _) = meetings.add_all_presentations(later, by=staff)
    with pytest.raises(ValidationError):
        meetings.update_presentation(p, by=staff, order=1, starts_at=None, minutes=15, remarks="ดี")
    meetings.update_presentation(p, by=staff, order=3, starts_at=dt.time(10, 0), minutes=15)
    p.refresh_from_db()
    assert (p.order, p.starts_at) == (3, dt.time(10, 0))


def test_invitation_and_minutes_list_the_presentations(august, two_exemplars, staff):
    items = meetings.add_all_presentations(august, by=staff, minutes=20, starts_at=dt.time(9, 30))
    meetings.update_presentation(
        items[0], by=staff, order=1, starts_at=dt.time(9, 30), minutes=20, remarks="นำเสนอชัดเจน"
    )
    draft = compose.compose(Kind.INVITATION, august, dated=august.held_on - dt.timedelta(days=10))
    (agenda,) = [b["ol"] for b in draft.body["blocks"] if "ol" in b]
    assert any("ต้นแบบอำเภอ" in item and "2 อำเภอ" in item for item in agenda)
    (table,) = [b["table"] for b in draft.body["blocks"] if "table" in b]
    assert [r[:3] for r in table["rows"]] == [
        ["1", "09.30", district("6501").name_th],
        ["2", "09.50", district("6505").name_th],
    ]
    meetings.save_minutes(august, by=staff, text="เริ่มประชุมเวลา 09.00 น.")
    draft = compose.compose(Kind.MINUTES, august, dated=august.held_on)
    table = [b["table"] for b in draft.body["blocks"] if "table" in b][-1]
    assert table["rows"][0][-1] == "นำเสนอชัดเจน" and table["rows"][1][-1] == "–"


def test_the_meeting_page_lists_presentations_in_constant_queries(
    august, two_exemplars, staff, as_user, django_assert_max_num_queries
):
    client = as_user(staff)
    meetings.add_presentation(august, district("6501"), by=staff)
    client.get(f"/app/evaluation/meetings/{august.pk}/")
    with django_assert_max_num_queries(40) as first:
        client.get(f"/app/evaluation/meetings/{august.pk}/")
    meetings.add_presentation(august, district("6505"), by=staff)
    with django_assert_max_num_queries(40) as second:
        client.get(f"/app/evaluation/meetings/{august.pk}/")
    assert len(second.captured_queries) == len(first.captured_queries)
