import pytest
from django.core.exceptions import ValidationError

from apps.core.models import AuditEvent
from apps.evaluation import services
from apps.evaluation.decisions import decide
from apps.evaluation.models import RoundEntry
from apps.registry.enums import Outcome

from .conftest import evaluable, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(zone_round, passed_district, staff):
    return services.add_entry(zone_round, passed_district.enrolment, by=staff)


def _decide_url(e):
    return f"/app/evaluation/entries/{e.pk}/decide/"


def test_chair_decides_with_mean_and_median_shown(
    as_user, entry, zone_chair, zone_member, zone_local, staff, national, stranger
):
    submit(entry, zone_chair, value=4)
    submit(entry, zone_member, value=3)
    c = as_user(zone_chair)
    r = c.get(_decide_url(entry))
    body = r.content.decode()
    # 40·4/5+40·4/5+20 = 84 ; 40·3/5·2+20 = 68 → mean 76, median 76
    assert r.status_code == 200 and "76.00" in body and "ผ่าน" in body
    # the plain member, staff and the national viewer may not decide; a stranger does not see it
    assert as_user(zone_member).get(_decide_url(entry)).status_code == 403
    assert as_user(staff).post(_decide_url(entry), {"decision": "pass", "version": 1}).status_code == 403
    assert as_user(national).get(_decide_url(entry)).status_code == 403
    assert as_user(stranger).get(_decide_url(entry)).status_code == 404
    c = as_user(zone_chair)
    # overruling the computed result without a reason: refused
    r = c.post(_decide_url(entry), {"decision": "not_pass", "reason": "", "version": entry.version})
    assert "ต้องระบุเหตุผล" in r.content.decode()
    entry.refresh_from_db()
    assert entry.decision == ""
    r = c.post(_decide_url(entry), {"decision": "pass", "reason": "", "version": entry.version})
    assert r.status_code == 302
    entry.refresh_from_db()
    assert (
        entry.decision == "pass"
        and str(entry.mean_percent) == "76.00"
        and str(entry.median_percent) == "76.00"
    )
    assert entry.enrolment.outcome == Outcome.IN_PROGRESS  # zone is not the last level
    # a correction needs a reason and is audited
    r = c.post(_decide_url(entry), {"decision": "return", "reason": "", "version": entry.version})
    assert "แก้ไขผลการตัดสินต้องระบุเหตุผล" in r.content.decode()
    r = c.post(
        _decide_url(entry), {"decision": "return", "reason": "ขาดหลักฐานการประชุม", "version": entry.version}
    )
    assert r.status_code == 302
    ev = AuditEvent.objects.filter(action="evaluation.decision_corrected").get()
    assert ev.reason == "ขาดหลักฐานการประชุม" and ev.before["decision"] == "pass"


def test_two_people_deciding_at_once(entry, zone_chair, zone_member, as_user, staff):
    submit(entry, zone_chair)
    submit(entry, zone_member)
    services.add_member(entry.round.committee, user=staff, role="secretary", by=staff)
    stale = entry.version
    decide(entry, decision="pass", by=zone_chair, version=stale)
    r = as_user(staff).post(_decide_url(entry), {"decision": "not_pass", "reason": "ไม่ผ่าน", "version": stale})
    assert r.status_code == 200 and "มีผู้อื่นบันทึกผลการตัดสิน" in r.content.decode()
    entry.refresh_from_db()
    assert entry.decision == "pass"


def test_deciding_before_quorum_needs_a_reason(entry, zone_chair):
    # the chair scores too: before their own scorecard they see no committee score, so a decision needs a reason
    with pytest.raises(ValidationError, match="ยังไม่ได้ส่งใบให้คะแนนของท่าน"):
        decide(entry, decision="pass", by=zone_chair)
    submit(entry, zone_chair)  # 1 of the 2 members who may score the unit: no quorum yet
    with pytest.raises(ValidationError, match="ยังไม่ถึงกึ่งหนึ่ง"):
        decide(entry, decision="pass", by=zone_chair)
    decide(entry, decision="pass", by=zone_chair, reason="กรรมการมาไม่ครบ มติที่ประชุมให้ผ่าน")
    assert RoundEntry.objects.get(pk=entry.pk).decision == "pass"


def test_not_passed_is_carried_over(entry, zone_chair, zone_member):
    submit(entry, zone_chair, value=1)
    submit(entry, zone_member, value=1)
    decide(entry, decision="not_pass", by=zone_chair)
    entry.enrolment.refresh_from_db()
    assert entry.enrolment.outcome == Outcome.NOT_PASSED


def test_last_level_pass_certifies(entry, zone_chair, zone_member, staff, committee_round, chair, cmember):
    submit(entry, zone_chair)
    submit(entry, zone_member)
    decide(entry, decision="pass", by=zone_chair)
    final = services.add_entry(committee_round, entry.enrolment, by=staff)
    submit(final, chair)
    submit(final, cmember)
    # the zone decision can no longer be corrected once the unit moved on
    with pytest.raises(ValidationError, match="ระดับถัดไปแล้ว"):
        decide(entry, decision="not_pass", by=zone_chair, reason="ทบทวน")
    decide(final, decision="pass", by=chair)
    final.enrolment.refresh_from_db()
    assert final.enrolment.outcome == Outcome.CERTIFIED
    assert AuditEvent.objects.filter(action="evaluation.decided", object_id=str(final.pk)).exists()


def test_bulk_decisions_one_reason_one_audit_row_each(
    as_user, staff, zone_round, zone_chair, zone_member, year, district_round, officer, national, standard_set
):
    entries = []
    for value in (5, 4, 2):
        e = evaluable(year=year)
        decide(services.add_entry(district_round, e, by=officer), decision="pass", reason="มติ", by=officer)
        ze = services.add_entry(zone_round, e, by=staff)
        submit(ze, zone_chair, value)
        submit(ze, zone_member, value)
        entries.append(ze)
    url = f"/app/evaluation/rounds/{zone_round.pk}/bulk-decide/"
    assert (
        as_user(national).post(url, {"decision": "pass", "reason": "x", "threshold": "70"}).status_code == 403
    )
    c = as_user(zone_chair)
    r = c.post(url, {"decision": "pass", "reason": "", "threshold": "70"}, follow=True)
    assert "ต้องระบุเหตุผล" in r.content.decode()
    r = c.post(url, {"decision": "pass", "reason": "มติที่ประชุมคณะทำงานโซน 1", "threshold": "70"})
    assert r.status_code == 302
    decided = {e.pk: RoundEntry.objects.get(pk=e.pk).decision for e in entries}
    assert decided == {entries[0].pk: "pass", entries[1].pk: "pass", entries[2].pk: ""}
    assert AuditEvent.objects.filter(action="evaluation.decided", reason="มติที่ประชุมคณะทำงานโซน 1").count() == 2
    r = c.post(url, {"decision": "not_pass", "reason": "คะแนนต่ำกว่าเกณฑ์", "entries": [entries[2].pk]})
    assert RoundEntry.objects.get(pk=entries[2].pk).decision == "not_pass"
    r = c.post(url, {"decision": "pass", "reason": "x"}, follow=True)
    assert "ไม่มีหน่วยนับที่ตรงกับเงื่อนไข" in r.content.decode()
