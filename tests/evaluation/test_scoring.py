import pytest

from apps.evaluation import scoring, services
from apps.evaluation.models import RoundEntry, Scorecard
from tests.factories import UnitFactory, district

from .conftest import evaluable, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(zone_round, passed_district, staff):
    return services.add_entry(zone_round, passed_district.enrolment, by=staff)


def _post(values, **extra):
    data = {f"score_{k}": v for k, v in values.items()}
    data.update(extra)
    return data


def test_member_saves_a_draft_then_submits_once(as_user, entry, zone_member, standard_set):
    inds = scoring.indicators_of(standard_set)
    url = f"/app/evaluation/score/{entry.pk}/"
    c = as_user(zone_member)
    assert c.get("/app/evaluation/score/").status_code == 200
    assert c.get(url).status_code == 200
    r = c.post(url, _post({inds[0].pk: "4"}, comment="เอกสารครบ", draft="1"))
    assert r.status_code == 302
    card = Scorecard.objects.get(entry=entry, member=zone_member)
    assert card.status == "draft"
    # submit incomplete: refused
    r = c.post(url, _post({inds[0].pk: "4"}, submit="1"))
    assert "ยังให้คะแนนไม่ครบ" in r.content.decode()
    # a score outside the scale: refused, nothing saved
    r = c.post(url, _post({inds[0].pk: "7", inds[1].pk: "3", inds[2].pk: "1"}, submit="1"))
    assert "ต้องอยู่ระหว่าง 0 ถึง 5" in r.content.decode()
    r = c.post(url, _post({inds[0].pk: "abc"}, submit="1"))
    assert "ต้องเป็นตัวเลข" in r.content.decode()
    r = c.post(url, _post({inds[0].pk: "4", inds[1].pk: "3", inds[2].pk: "1"}, submit="1"))
    assert r.status_code == 302
    card.refresh_from_db()
    # 40·4/5 + 40·3/5 + 20·1 = 32 + 24 + 20 = 76 %
    assert card.status == "submitted" and str(card.percent) == "76.00"
    # submitting twice: a Thai message, the first stays
    r = c.post(url, _post({inds[0].pk: "1", inds[1].pk: "1", inds[2].pk: "0"}, submit="1"))
    assert "ส่งใบให้คะแนนของหน่วยนับนี้แล้ว" in r.content.decode()
    card.refresh_from_db()
    assert str(card.percent) == "76.00"


def test_conflict_of_interest_in_the_queryset(
    as_user, entry, zone_local, zone_member, officer, other_zone, staff, year, zone_round
):
    url = f"/app/evaluation/score/{entry.pk}/"
    # own district (from zone level up): 404 and not in scorable_by
    assert not RoundEntry.objects.scorable_by(zone_local).filter(pk=entry.pk).exists()
    assert as_user(zone_local).get(url).status_code == 404
    # a member of another zone: 404, and the unit is not even visible
    assert as_user(other_zone).get(url).status_code == 404
    assert not RoundEntry.objects.visible_to(other_zone).filter(pk=entry.pk).exists()
    # a unit they mentor: 404 (mentor = officer of 6501; seat the officer in the zone committee)
    services.add_member(zone_round.committee, user=officer, role="member", by=staff)
    assert entry.enrolment.mentor_id == officer.pk
    assert as_user(officer).get(url).status_code == 404
    # the service refuses too, whatever the view does
    with pytest.raises(Exception, match="ไม่มีสิทธิ์ให้คะแนน"):
        submit(entry, zone_local)
    # staff organise but do not score
    assert as_user(staff).get(url).status_code == 404
    assert as_user(zone_member).get(url).status_code == 200
    page = as_user(staff).get(f"/app/evaluation/rounds/{zone_round.pk}/").content.decode()
    assert "งดให้คะแนน" in page


def test_mentor_excluded_even_at_district_level(
    district_round, enrolment, officer, staff, district_committee
):
    services.add_member(district_committee, user=officer, role="member", by=staff)
    entry = services.add_entry(district_round, enrolment, by=officer)
    assert not RoundEntry.objects.scorable_by(officer).filter(pk=entry.pk).exists()
    other = evaluable(year=enrolment.year)
    e2 = services.add_entry(district_round, other, by=officer)
    # own district does not exclude at district level
    assert RoundEntry.objects.scorable_by(officer).filter(pk=e2.pk).exists()


def test_zone_member_sees_only_units_of_their_zone(zone_member, entry, year, standard_set, staff, zones):
    far = evaluable(year=year, unit=UnitFactory(district=district("6502")))
    from apps.evaluation.models import Committee

    from .conftest import make_round

    z2 = Committee.objects.create(year=year, level="zone", zone=zones[1], name="โซน 2")
    r2 = make_round(z2, staff)
    RoundEntry.objects.create(round=r2, enrolment=far)
    assert set(RoundEntry.objects.visible_to(zone_member).values_list("enrolment_id", flat=True)) == {
        entry.enrolment_id
    }


def test_others_scores_hidden_until_own_submitted(entry, zone_member, zone_chair, as_user):
    submit(entry, zone_chair, value=5)
    assert not Scorecard.objects.visible_to(zone_member).filter(member=zone_chair).exists()
    page = as_user(zone_member).get(f"/app/evaluation/score/{entry.pk}/").content.decode()
    assert "คะแนนของกรรมการท่านอื่น" not in page
    # the round page does not show the mean to a plain member either
    rp = as_user(zone_member).get(f"/app/evaluation/rounds/{entry.round_id}/").content.decode()
    assert "มัธยฐาน" not in rp
    submit(entry, zone_member, value=3)
    assert Scorecard.objects.visible_to(zone_member).filter(member=zone_chair).exists()
    page = as_user(zone_member).get(f"/app/evaluation/score/{entry.pk}/").content.decode()
    assert "คะแนนของกรรมการท่านอื่น" in page


def test_score_arithmetic():
    from decimal import Decimal

    assert scoring.summary([Decimal("76"), Decimal("60"), Decimal("90")]) == (
        Decimal("75.33"),
        Decimal("76.00"),
    )
    assert scoring.summary([]) == (None, None)


def test_landing_panel_lists_pending_scorecards(as_user, entry, zone_member, zone_chair):
    page = as_user(zone_member).get("/app/").content.decode()
    assert "ใบให้คะแนนที่รอท่าน" in page and entry.round.title in page
    page = as_user(zone_chair).get("/app/").content.decode()
    assert "รอบที่รอการตัดสินผล" in page


def test_a_draft_saved_again_keeps_one_score_per_indicator(entry, zone_member, standard_set):
    """Scores are written together (read, insert the new, update the changed), not one statement pair each: a
    second save changes what changed, adds nothing twice, and a blank clears a score."""
    from decimal import Decimal

    from apps.evaluation.models import Score

    inds = scoring.indicators_of(standard_set)
    first = {inds[0].pk: Decimal(4), inds[1].pk: Decimal(3)}
    card = services.save_scorecard(
        entry, zone_member, values=first, comments={inds[0].pk: "ดี"}, by=zone_member
    )
    assert Score.objects.filter(scorecard=card).count() == len(inds)
    again = {inds[0].pk: Decimal(4), inds[1].pk: None, inds[2].pk: Decimal(1)}
    card = services.save_scorecard(entry, zone_member, values=again, by=zone_member)
    saved = {s.indicator_id: (s.value, s.comment) for s in Score.objects.filter(scorecard=card)}
    assert len(saved) == len(inds)
    assert saved[inds[0].pk] == (Decimal(4), "") and saved[inds[1].pk] == (None, "")
    assert saved[inds[2].pk] == (Decimal(1), "")
    assert card.percent == scoring.percent(inds, again)
