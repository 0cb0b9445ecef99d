"""The committee's suggested result applies the standard set's own pass rule, the one the unit's self-assessment
uses (apps.development.scoring.judge): mandatory indicators, min_percent, and/or. Guideline 2.9: the zone working
group "ประเมินผลการพัฒนาตนเองของกลุ่มเป้าหมาย" and 2.10: the provincial committee "ประเมินผลและรับรองมาตรฐาน";
guideline 1.2 asks for "ประเมินเข้มข้น" — the province's standard set (data, not code) fixes what passes, and a
committee may not pass a unit on its total alone when the set makes an indicator mandatory."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.core.models import AuditEvent
from apps.development.enums import Combine
from apps.development.models import Indicator
from apps.development.scoring import evaluate
from apps.evaluation import scoring, services
from apps.evaluation.decisions import decide, entry_picture
from apps.evaluation.models import RoundEntry
from tests.evaluation.conftest import evaluable

pytestmark = pytest.mark.django_db


def _values(sset, a, b, c):
    """Scores of 1.1 (/5, w40), 1.2 (/5, w40) and 1.3 (pass/fail, w20) of the conftest standard set."""
    i1, i2, i3 = scoring.indicators_of(sset)
    return {i1.pk: Decimal(a), i2.pk: Decimal(b), i3.pk: Decimal(c)}


def _submit(entry, member, values):
    return services.save_scorecard(entry, member, values=values, submit=True, by=member)


def _zone_entry(zone_round, district_round, year, officer, staff):
    e = evaluable(year=year)
    decide(services.add_entry(district_round, e, by=officer), decision="pass", reason="มติ", by=officer)
    return services.add_entry(zone_round, e, by=staff)


@pytest.fixture
def mandatory_account(standard_set):
    """1.3 "มีบัญชีที่ตรวจสอบได้" is mandatory (the set requires mandatory indicators by default)."""
    Indicator.objects.filter(component__standard_set=standard_set, code="1.3").update(mandatory=True)
    return standard_set


@pytest.fixture
def entry(zone_round, passed_district, staff):
    return services.add_entry(zone_round, passed_district.enrolment, by=staff)


def test_high_total_with_a_failed_mandatory_indicator_is_suggested_not_passed(
    as_user, entry, zone_chair, zone_member, mandatory_account
):
    # 40·5/5 + 40·5/5 + 20·0 = 80 % — well above min_percent 60, but the mandatory account indicator fails
    _submit(entry, zone_chair, _values(mandatory_account, 5, 5, 0))
    _submit(entry, zone_member, _values(mandatory_account, 5, 5, 0))
    pic = entry_picture(entry)
    assert pic.mean == Decimal("80.00")
    assert pic.computed == "not_pass" and pic.fails_mandatory
    assert [row["ind"].code for row in pic.failed_mandatory] == ["1.3"]
    # the decision page names the failed indicator and the suggested result, in Thai
    body = as_user(zone_chair).get(f"/app/evaluation/entries/{entry.pk}/decide/").content.decode()
    assert "ตัวชี้วัดบังคับที่ไม่ผ่าน" in body and "1.3 มีบัญชีที่ตรวจสอบได้" in body
    assert "เพราะไม่ผ่านตัวชี้วัดบังคับ" in body and "กรรมการเห็นว่าผ่านร้อยละ 0" in body
    assert "ผ่านตัวชี้วัดบังคับทุกข้อ" in body and "คะแนนรวมไม่น้อยกว่าร้อยละ 60" in body
    # passing without a reason contradicts the suggestion: refused; the chair may still overrule with a reason
    with pytest.raises(ValidationError, match="ต่างจากผลที่คำนวณ"):
        decide(entry, decision="pass", by=zone_chair)
    decide(entry, decision="pass", by=zone_chair, reason="ที่ประชุมตรวจบัญชีฉบับจริงแล้วครบถ้วน")
    assert RoundEntry.objects.get(pk=entry.pk).decision == "pass"
    ev = AuditEvent.objects.get(action="evaluation.decided", object_id=str(entry.pk))
    assert ev.after["computed"] == "not_pass" and ev.after["failed_mandatory"] == ["1.3"]


def test_not_passed_without_reason_when_the_suggestion_says_so(
    entry, zone_chair, zone_member, mandatory_account
):
    _submit(entry, zone_chair, _values(mandatory_account, 5, 5, 0))
    _submit(entry, zone_member, _values(mandatory_account, 5, 5, 0))
    decide(entry, decision="not_pass", by=zone_chair)
    assert RoundEntry.objects.get(pk=entry.pk).decision == "not_pass"


def test_pass_fail_mandatory_needs_more_than_half_of_the_members(
    entry, zone_chair, zone_member, mandatory_account
):
    _submit(entry, zone_chair, _values(mandatory_account, 4, 4, 1))
    _submit(entry, zone_member, _values(mandatory_account, 4, 4, 0))  # one of two: not more than half
    pic = entry_picture(entry)
    assert pic.computed == "not_pass" and pic.failed_mandatory[0]["share"] == Decimal("50")
    ind = Indicator.objects.get(component__standard_set=mandatory_account, code="1.3")
    assert ind.is_met(Decimal(2) / 3) and not ind.is_met(Decimal("0.5")) and ind.is_met(True)


def test_scored_mandatory_indicator_uses_the_mean_against_its_pass_score(
    as_user, entry, zone_chair, zone_member, standard_set
):
    Indicator.objects.filter(component__standard_set=standard_set, code="1.1").update(
        mandatory=True, pass_score=3
    )
    _submit(entry, zone_chair, _values(standard_set, 3, 5, 1))
    _submit(entry, zone_member, _values(standard_set, 2, 5, 1))  # 1.1: mean 2.5 < 3; total 80 %
    pic = entry_picture(entry)
    assert pic.mean == Decimal("80.00") and pic.computed == "not_pass"
    assert pic.failed_mandatory[0]["mean"] == Decimal("2.50")
    body = as_user(zone_chair).get(f"/app/evaluation/entries/{entry.pk}/decide/").content.decode()
    assert "คะแนนเฉลี่ย 2.50 (ผ่านเมื่อได้ 3 จาก 5)" in body


@pytest.mark.parametrize(
    ("require_mandatory", "min_percent", "combine", "scores", "passed"),
    [
        # and: both conditions
        (True, Decimal("60"), Combine.AND, (5, 5, 0), False),  # 80 %, mandatory failed
        (True, Decimal("60"), Combine.AND, (2, 2, 1), False),  # 52 %, mandatory met
        (True, Decimal("60"), Combine.AND, (4, 4, 1), True),  # 84 %, mandatory met
        # or: either condition
        (True, Decimal("60"), Combine.OR, (5, 5, 0), True),
        (True, Decimal("60"), Combine.OR, (2, 2, 1), True),
        (True, Decimal("60"), Combine.OR, (1, 1, 0), False),  # 16 %, mandatory failed
        # only one condition set
        (False, Decimal("60"), Combine.AND, (5, 5, 0), True),  # mandatory flags not required by this set
        (True, None, Combine.AND, (2, 2, 1), True),
        (True, None, Combine.AND, (5, 5, 0), False),
    ],
)
def test_and_or_rule_is_the_self_assessments(
    entry, zone_chair, zone_member, mandatory_account, require_mandatory, min_percent, combine, scores, passed
):
    s = mandatory_account
    s.require_mandatory, s.min_percent, s.combine = require_mandatory, min_percent, combine
    s.save(update_fields=["require_mandatory", "min_percent", "combine"])
    values = _values(s, *scores)
    _submit(entry, zone_chair, values)
    _submit(entry, zone_member, values)
    pic = entry_picture(entry)
    assert pic.computed == ("pass" if passed else "not_pass")
    # one rule: the unit's self-assessment with the same scores gives the same result
    assert evaluate(s, values).passed is passed


def test_bulk_pass_above_a_threshold_skips_a_failed_mandatory_indicator(
    as_user, zone_round, district_round, year, officer, staff, zone_chair, zone_member, mandatory_account
):
    good = _zone_entry(zone_round, district_round, year, officer, staff)  # 84 %, account kept
    no_account = _zone_entry(zone_round, district_round, year, officer, staff)  # 80 %, no account
    low = _zone_entry(zone_round, district_round, year, officer, staff)  # 52 %
    for e, scores in ((good, (4, 4, 1)), (no_account, (5, 5, 0)), (low, (2, 2, 1))):
        _submit(e, zone_chair, _values(mandatory_account, *scores))
        _submit(e, zone_member, _values(mandatory_account, *scores))
    c = as_user(zone_chair)
    page = c.get(f"/app/evaluation/rounds/{zone_round.pk}/").content.decode()
    assert page.count("ไม่ผ่านตัวชี้วัดบังคับ") == 1 and "ผ่านตัวชี้วัดบังคับทุกข้อ" in page
    r = c.post(
        f"/app/evaluation/rounds/{zone_round.pk}/bulk-decide/",
        {"decision": "pass", "reason": "มติที่ประชุมคณะทำงานโซน 1", "threshold": "70"},
        follow=True,
    )
    body = r.content.decode()
    decided = {e.pk: RoundEntry.objects.get(pk=e.pk).decision for e in (good, no_account, low)}
    assert decided == {good.pk: "pass", no_account.pk: "", low.pk: ""}
    assert "บันทึกผลการตัดสิน 1 หน่วยนับแล้ว" in body
    assert "ข้าม 1 หน่วยนับที่ไม่ผ่านตัวชี้วัดบังคับ" in body
    assert str(no_account.enrolment.unit) in body
    # only the skipped unit is left above the threshold: nothing decided, the count said in Thai
    r = c.post(
        f"/app/evaluation/rounds/{zone_round.pk}/bulk-decide/",
        {"decision": "pass", "reason": "มติ", "threshold": "70"},
        follow=True,
    )
    assert (
        "ไม่มีหน่วยนับที่ตรงกับเงื่อนไข: หน่วยนับที่เลือกหรือที่คะแนนเฉลี่ยถึงเกณฑ์ 1 หน่วยนับไม่ผ่านตัวชี้วัดบังคับ" in r.content.decode()
    )
    assert RoundEntry.objects.get(pk=no_account.pk).decision == ""
    # not passing above a threshold is not held back by the mandatory indicators
    c.post(
        f"/app/evaluation/rounds/{zone_round.pk}/bulk-decide/",
        {"decision": "not_pass", "reason": "มติ", "threshold": "70"},
    )
    assert RoundEntry.objects.get(pk=no_account.pk).decision == "not_pass"


def test_bulk_pass_of_selected_units_skips_a_failed_mandatory_indicator(
    as_user, zone_round, district_round, year, officer, staff, zone_chair, zone_member, mandatory_account
):
    """Selecting a unit in the table is not a reasoned overrule of its standard set: its pass is decided on its
    own page (with a reason), the others of the selection are passed."""
    good = _zone_entry(zone_round, district_round, year, officer, staff)
    no_account = _zone_entry(zone_round, district_round, year, officer, staff)
    for e, scores in ((good, (4, 4, 1)), (no_account, (5, 5, 0))):
        _submit(e, zone_chair, _values(mandatory_account, *scores))
        _submit(e, zone_member, _values(mandatory_account, *scores))
    c = as_user(zone_chair)
    url = f"/app/evaluation/rounds/{zone_round.pk}/bulk-decide/"
    body = c.post(
        url, {"decision": "pass", "reason": "มติที่ประชุม", "entries": [good.pk, no_account.pk]}, follow=True
    ).content.decode()
    assert "บันทึกผลการตัดสิน 1 หน่วยนับแล้ว" in body and "ข้าม 1 หน่วยนับที่ไม่ผ่านตัวชี้วัดบังคับ" in body
    assert (
        RoundEntry.objects.get(pk=good.pk).decision,
        RoundEntry.objects.get(pk=no_account.pk).decision,
    ) == ("pass", "")
    # alone in the selection: nothing decided, the reason said in Thai; not passing it in bulk is allowed
    body = c.post(
        url, {"decision": "pass", "reason": "มติ", "entries": [no_account.pk]}, follow=True
    ).content.decode()
    assert "จึงไม่บันทึกผลผ่านพร้อมกัน" in body and RoundEntry.objects.get(pk=no_account.pk).decision == ""
    c.post(url, {"decision": "not_pass", "reason": "มติ", "entries": [no_account.pk]})
    assert RoundEntry.objects.get(pk=no_account.pk).decision == "not_pass"


def test_plain_member_does_not_see_the_suggestion_on_the_round_page(
    as_user, entry, zone_chair, zone_member, mandatory_account
):
    _submit(entry, zone_chair, _values(mandatory_account, 5, 5, 0))
    _submit(entry, zone_member, _values(mandatory_account, 5, 5, 0))
    page = as_user(zone_member).get(f"/app/evaluation/rounds/{entry.round_id}/").content.decode()
    assert "ไม่ผ่านตัวชี้วัดบังคับ" not in page
    assert as_user(zone_member).get(f"/app/evaluation/entries/{entry.pk}/decide/").status_code == 403


def test_round_page_verdict_follows_the_scorecards_it_was_computed_from(
    as_user, staff, entry, zone_chair, zone_member, mandatory_account, django_assert_max_num_queries
):
    """The round page keeps each unit's suggested result in the shared cache under a key made of the unit's
    submitted scorecards: a scorecard submitted again (sent back to draft, then corrected) gives a new verdict."""
    from apps.evaluation.models import Scorecard

    url = f"/app/evaluation/rounds/{entry.round_id}/"
    _submit(entry, zone_chair, _values(mandatory_account, 5, 5, 0))
    _submit(entry, zone_member, _values(mandatory_account, 5, 5, 0))
    assert "ไม่ผ่านตัวชี้วัดบังคับ" in as_user(staff).get(url).content.decode()
    assert "ไม่ผ่านตัวชี้วัดบังคับ" in as_user(staff).get(url).content.decode()  # from the cache
    for member in (zone_chair, zone_member):
        Scorecard.objects.filter(entry=entry, member=member).update(status="draft")
        _submit(entry, member, _values(mandatory_account, 5, 5, 1))
    body = as_user(staff).get(url).content.decode()
    assert "ไม่ผ่านตัวชี้วัดบังคับ" not in body and "100.00" in body
    assert entry_picture(entry).computed == "pass"
