"""A committee's quorum rule and duties, edited by whoever manages the committee, audited, and used by the
meetings' quorum and the appointment order."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.core.models import AuditEvent
from apps.evaluation import meetings
from apps.paperwork import compose
from apps.paperwork.models import Kind

pytestmark = pytest.mark.django_db


def _url(c):
    return f"/app/evaluation/committees/{c.pk}/rules/"


def test_the_manager_sets_quorum_and_duties_audited_and_used(zone_committee, zone_round, staff, as_user):
    client = as_user(staff)
    assert "องค์ประชุม" in client.get(_url(zone_committee)).content.decode()
    r = client.post(
        _url(zone_committee),
        {
            "quorum_numerator": "2",
            "quorum_denominator": "3",
            "quorum_minimum": "3",
            "quorum_rule": "คำสั่งจังหวัดพิษณุโลก ที่ 1234/2570 ข้อ 3",
            "duties": "  ฟังการนำเสนอผลงาน  \n\n  เสนอผลต่อจังหวัด ",
        },
    )
    assert r.status_code == 302
    zone_committee.refresh_from_db()
    assert (
        zone_committee.quorum_numerator,
        zone_committee.quorum_denominator,
        zone_committee.quorum_minimum,
    ) == (
        2,
        3,
        3,
    )
    assert zone_committee.duties == "ฟังการนำเสนอผลงาน\nเสนอผลต่อจังหวัด"
    event = AuditEvent.objects.get(action="committee.rules_updated", object_id=str(zone_committee.pk))
    assert event.before["quorum_numerator"] == 1 and event.after["quorum_numerator"] == 2
    meeting = meetings.create_meeting(
        zone_round, by=staff, held_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert meetings.quorum_of(meeting).needed == 3
    draft = compose.compose(Kind.APPOINTMENT, zone_committee, dated=timezone.localdate())
    assert ["ฟังการนำเสนอผลงาน", "เสนอผลต่อจังหวัด"] in [b.get("ol") for b in draft.body["blocks"]]
    page = client.get(f"/app/evaluation/committees/{zone_committee.pk}/").content.decode()
    assert _url(zone_committee) in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"quorum_numerator": "3", "quorum_denominator": "2"}, "เศษต้องไม่มากกว่าส่วน"),
        ({"quorum_numerator": "1", "quorum_denominator": "2", "quorum_minimum": "9"}, "จะไม่มีวันครบองค์ประชุม"),
        ({"quorum_numerator": "0", "quorum_denominator": "2"}, ""),
        ({"quorum_numerator": "abc", "quorum_denominator": ""}, ""),
    ],
)
def test_bad_rules_get_a_thai_message_and_keep_the_input(
    zone_committee, zone_chair, zone_member, staff, as_user, data, message
):
    r = as_user(staff).post(_url(zone_committee), {**data, "duties": "หน้าที่ที่พิมพ์ไว้"})
    assert r.status_code == 200
    body = r.content.decode()
    assert message in body and "หน้าที่ที่พิมพ์ไว้" in body
    zone_committee.refresh_from_db()
    assert (zone_committee.quorum_numerator, zone_committee.quorum_denominator, zone_committee.duties) == (
        1,
        2,
        "",
    )
    assert not AuditEvent.objects.filter(action="committee.rules_updated").exists()


def test_a_member_who_does_not_manage_the_committee_is_refused(zone_committee, zone_chair, as_user):
    assert as_user(zone_chair).get(_url(zone_committee)).status_code == 403
    assert (
        as_user(zone_chair)
        .post(_url(zone_committee), {"quorum_numerator": "1", "quorum_denominator": "3"})
        .status_code
        == 403
    )
