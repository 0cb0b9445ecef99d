"""Issue 18 items 1 and 6: committee seats belong to people (with or without an account), the secretary types in a
member's signed paper sheet, a one-time scoring link, conflicts of interest computed from data, members removed
after scoring, and chair and secretary blind to the committee's scores before their own scorecard."""

import datetime as dt
import re
import subprocess
import unicodedata
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.accounts.models import Person, User
from apps.core.models import AuditEvent
from apps.evaluation import links, scoring, services
from apps.evaluation.decisions import blind_entries, entry_picture
from apps.evaluation.enums import CommitteeRole, ScorecardStatus
from apps.evaluation.models import CommitteeMember, RoundEntry, Scorecard, ScoringLink
from apps.evaluation.sheets import sheets_pdf
from tests.factories import district

from .conftest import full_score, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(zone_round, passed_district, staff):
    return services.add_entry(zone_round, passed_district.enrolment, by=staff)


def kamnan_seat(committee, staff, home="6505", email="kamnan@example.org"):
    """A member without an account (a kamnan), seated as staff do it."""
    return services.add_member(
        committee,
        role=CommitteeRole.MEMBER,
        by=staff,
        details={
            "title": "นาย",
            "first_name": "บุญมี",
            "last_name": "ทองสาธิต",
            "position": "กำนัน",
            "email": email,
        },
        affiliation="ผู้นำท้องที่",
        home_district=district(home) if home else None,
    )


def values_for(entry, value=Decimal(4)):
    return full_score(scoring.indicators_of(scoring.standard_set_for(entry.enrolment)), value)


# --- people --------------------------------------------------------------------------------------------------


def test_staff_seat_a_person_without_account_and_no_mail_is_sent(as_user, staff, zone_committee, zone_chair):
    url = f"/app/evaluation/committees/{zone_committee.pk}/"
    users_before = User.objects.count()
    r = as_user(staff).post(
        url,
        {
            "title": "นาย",
            "first_name": "บุญมี",
            "last_name": "ทองสาธิต",
            "position": "กำนันตำบลท่าช้าง",
            "phone": "0800000041",
            "line_id": "kamnan41",
            "role": "member",
            "affiliation": "ผู้นำท้องที่",
            "home_district": "6505",
        },
    )
    assert r.status_code == 302
    assert User.objects.count() == users_before and not mail.outbox
    person = Person.objects.get(first_name="บุญมี")
    assert person.user is None and person.line_id == "kamnan41" and person.home_district_id == "6505"
    seat = CommitteeMember.objects.get(committee=zone_committee, person=person)
    assert seat.user is None
    body = as_user(staff).get(url).content.decode()
    assert "บุญมี" in body and "ไม่มีบัญชีผู้ใช้" in body
    # the same person twice: a Thai message, nothing lost
    r = as_user(staff).post(url, {"person": person.pk, "role": "member"})
    assert r.status_code == 200 and "เป็นกรรมการในคณะนี้อยู่แล้ว" in r.content.decode()
    # a name is needed when neither a user nor a person is chosen
    r = as_user(staff).post(url, {"role": "member"})
    assert r.status_code == 200 and "กรอกชื่อ" in r.content.decode()


def test_person_records_are_scoped_by_province(staff, officer, stranger, zone_committee, zone_member):
    person = kamnan_seat(zone_committee, staff).person
    assert person in Person.objects.visible_to(staff)
    assert person in Person.objects.visible_to(officer)  # a district officer of the province seats people too
    assert person not in Person.objects.visible_to(stranger)
    own = Person.objects.get(user=zone_member)
    assert list(Person.objects.visible_to(zone_member)) == [own]  # a member sees only their own record


def test_seating_an_account_makes_its_person_record(staff, zone_committee, zone_member):
    seat = CommitteeMember.objects.get(committee=zone_committee, user=zone_member)
    assert seat.person.user == zone_member and seat.person.home_district_id == "6505"


# --- conflicts of interest from data -------------------------------------------------------------------------


def test_conflicts_from_data_apply_to_members_without_account(
    staff, officer, zone_committee, zone_round, zone_chair, entry, year
):
    local = kamnan_seat(zone_committee, staff, home="6501", email="")  # the unit is of 6501: own district
    outsider = services.add_member(
        zone_committee,
        role=CommitteeRole.MEMBER,
        by=staff,
        details={"first_name": "สมชาย", "last_name": "แก้วสาธิต"},
        home_district=district("6505"),
    )
    assert not RoundEntry.objects.scorable_for_seat(local).filter(pk=entry.pk).exists()
    assert RoundEntry.objects.scorable_for_seat(outsider).filter(pk=entry.pk).exists()
    # the secretary cannot type in a conflicted pair either
    with pytest.raises(ValidationError, match="ขัดกันแห่งผลประโยชน์"):
        services.save_seat_scorecard(
            entry, local, values=values_for(entry), submit=True, by=staff, recorded_by=staff
        )
    # the mentor (the district officer of 6501 mentors the unit), seated on the zone group: excluded
    mentor_seat = services.add_member(zone_committee, role=CommitteeRole.MEMBER, user=officer, by=staff)
    assert entry.enrolment.mentor_id == officer.pk
    assert not RoundEntry.objects.scorable_for_seat(mentor_seat).filter(pk=entry.pk).exists()
    assert not RoundEntry.objects.scorable_by(officer).filter(pk=entry.pk, round=zone_round).exists()
    # the round's picture counts neither as expected
    pic = entry_picture(entry)
    states = {s.pk: state for s, state in pic.cells}
    assert states[local.pk] == "excluded" and states[mentor_seat.pk] == "excluded"
    assert states[outsider.pk] == "pending"


def test_declared_conflict_leaves_the_seat_queryset(entry, zone_member, zone_committee):
    seat = CommitteeMember.objects.get(committee=zone_committee, user=zone_member)
    services.declare_conflict(entry, zone_member, reason="เป็นญาติกับประธานกลุ่ม")
    assert not RoundEntry.objects.scorable_for_seat(seat).filter(pk=entry.pk).exists()


# --- paper sheets --------------------------------------------------------------------------------------------


def pdf_text(pdf):
    """The PDF's text, NFKC (pdftotext writes sara am as nikhahit + sara aa)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return unicodedata.normalize("NFKC", out)


def flat(text):
    """Without spaces, nikhahit and tone marks: pdftotext writes sara am (ำ) as nikhahit + sara aa, maps some
    sara aa glyphs of the embedded Sarabun the same way and drops a tone mark stacked over sara am, so both
    sides are compared without them (the layout itself is looked at as PNG)."""
    return re.sub(r"[\s\u0e48-\u0e4b\u0e4d]+", "", unicodedata.normalize("NFKC", text))


def test_blank_sheet_pdf_lists_the_members_units_and_indicators(
    staff, zone_committee, zone_round, entry, tmp_path
):
    seat = kamnan_seat(zone_committee, staff, home="6505")
    pdf = sheets_pdf(zone_round, seat.pk)
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    page = flat(text)
    assert flat(entry.enrolment.unit.name) in page
    for code, words in (("1.1", "มีคณะกรรมการบริหาร"), ("1.2", "มีการประชุมสม่ำเสมอ"), ("1.3", "มีบัญชีที่ตรวจสอบได้")):
        assert code in text and flat(words) in page
    assert all(flat(w) in page for w in ("ใบให้คะแนน", "ลงชื่อ", "บุญมี", "คะแนนเต็ม"))
    # a member in conflict with every unit of the round gets no sheet at all
    local = kamnan_seat(zone_committee, staff, home="6501", email="")
    assert sheets_pdf(zone_round, local.pk) is None


def test_sheets_are_built_by_the_worker(
    as_user, staff, zone_committee, zone_round, entry, zone_member, django_capture_on_commit_callbacks
):
    from apps.core.models import GeneratedFile

    seat = kamnan_seat(zone_committee, staff)
    with django_capture_on_commit_callbacks(execute=True):
        r = as_user(staff).post(f"/app/evaluation/rounds/{zone_round.pk}/sheets/", {"seat": seat.pk})
    assert r.status_code == 302 and "/app/files/" in r["Location"]
    gf = GeneratedFile.objects.get(kind="scoring_sheets_pdf")
    assert gf.status == GeneratedFile.Status.DONE and gf.file.read().startswith(b"%PDF")
    # a plain member may not print the committee's sheets
    assert as_user(zone_member).post(f"/app/evaluation/rounds/{zone_round.pk}/sheets/").status_code == 403


def test_secretary_types_in_a_paper_sheet_on_behalf(
    as_user, staff, zone_committee, zone_round, entry, zone_member, stranger
):
    secretary = User.objects.create_user("secretary@example.org", first_name="เลขา", last_name="สาธิต")
    services.add_member(zone_committee, role=CommitteeRole.SECRETARY, user=secretary, by=staff)
    seat = kamnan_seat(zone_committee, staff)
    url = f"/app/evaluation/rounds/{zone_round.pk}/members/{seat.pk}/paper/{entry.pk}/"
    c = as_user(secretary)
    assert c.get(f"/app/evaluation/rounds/{zone_round.pk}/members/").status_code == 200
    assert c.get(f"/app/evaluation/rounds/{zone_round.pk}/members/{seat.pk}/paper/").status_code == 200
    assert c.get(url).status_code == 200
    post = {f"score_{k}": str(v) for k, v in values_for(entry).items()}
    # a typo: a Thai message, the typed values stay
    bad = {**post, next(iter(post)): "สี่"}
    r = c.post(url, {**bad, "submit": "1"})
    assert r.status_code == 200 and "ต้องเป็นตัวเลข" in r.content.decode()
    r = c.post(url, {**post, "comment": "จากใบที่ลงนาม", "submit": "1"})
    assert r.status_code == 302
    card = Scorecard.objects.get(entry=entry, seat=seat)
    assert card.status == ScorecardStatus.SUBMITTED and card.member is None and card.recorded_by == secretary
    ev = AuditEvent.objects.get(action="scorecard.submitted_on_behalf", object_id=str(card.pk))
    assert ev.actor == secretary and ev.after["on_behalf_of"] == "นายบุญมี ทองสาธิต"
    assert ev.after["recorded_by"] == str(secretary)
    # submitted once: typing it again is refused
    r = c.post(url, {**post, "submit": "1"})
    assert r.status_code == 200 and "ส่งซ้ำ" in r.content.decode()
    # a plain member may not type for someone else; a stranger sees nothing
    assert as_user(zone_member).get(url).status_code == 403
    assert as_user(stranger).get(url).status_code == 404


def test_paper_entry_of_a_conflicted_unit_is_404(as_user, staff, zone_committee, zone_round, entry):
    local = kamnan_seat(zone_committee, staff, home="6501", email="")
    url = f"/app/evaluation/rounds/{zone_round.pk}/members/{local.pk}/paper/{entry.pk}/"
    assert as_user(staff).get(url).status_code == 404


# --- the one-time link ---------------------------------------------------------------------------------------


@pytest.fixture
def link(staff, zone_committee, zone_round, entry, django_capture_on_commit_callbacks):
    seat = kamnan_seat(zone_committee, staff)
    with django_capture_on_commit_callbacks(execute=True):
        link, url = links.issue_link(zone_round, seat, by=staff)
    link.url = url
    link.path = url.split("://", 1)[1].split("/", 1)[1]
    return link


def test_link_is_mailed_and_scores_once(client, link, entry, staff):
    assert (
        len(mail.outbox) == 1
        and link.url in mail.outbox[0].body
        and mail.outbox[0].to == ["kamnan@example.org"]
    )
    assert len(link.token_hash) == 64 and link.path.rstrip("/").rsplit("/", 1)[-1] not in link.token_hash
    home = client.get("/" + link.path)
    body = home.content.decode()
    assert home.status_code == 200 and entry.enrolment.unit.name in body
    assert "/app/" not in body and "เข้าสู่ระบบ" not in body  # no way into the workspace
    score_url = f"/{link.path}{entry.pk}/"
    assert client.get(score_url).status_code == 200
    post = {f"score_{k}": str(v) for k, v in values_for(entry).items()}
    r = client.post(score_url, {**post, "submit": "1"})
    assert r.status_code == 200 and "ส่งใบให้คะแนนครบแล้ว" in r.content.decode()
    card = Scorecard.objects.get(entry=entry, seat=link.seat)
    assert card.via_link and card.status == ScorecardStatus.SUBMITTED and card.recorded_by is None
    assert AuditEvent.objects.filter(
        action="scorecard.submitted", object_id=str(card.pk), after__via="link"
    ).exists()
    # spent: the home page and a second submission are a plain page with no data
    link.refresh_from_db()
    assert link.spent_at is not None
    for r in (client.get("/" + link.path), client.post(score_url, {**post, "submit": "1"})):
        assert r.status_code == 410 and entry.enrolment.unit.name not in r.content.decode()
    assert Scorecard.objects.filter(entry=entry, seat=link.seat).count() == 1


def test_expired_revoked_and_tampered_links(client, link, entry, staff, as_user, zone_round):
    token = link.path.rstrip("/").rsplit("/", 1)[-1]
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    r = client.get(f"/score-link/{tampered}/")
    assert r.status_code == 404 and entry.enrolment.unit.name not in r.content.decode()
    assert client.get("/score-link/x/").status_code == 404
    ScoringLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    r = client.get("/" + link.path)
    assert r.status_code == 410 and entry.enrolment.unit.name not in r.content.decode()
    ScoringLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + dt.timedelta(days=3))
    assert client.get("/" + link.path).status_code == 200
    # revoked by staff from the round's members page
    r = as_user(staff).post(f"/app/evaluation/rounds/{zone_round.pk}/links/{link.pk}/revoke/")
    assert r.status_code == 302
    assert client.get("/" + link.path).status_code == 410
    assert AuditEvent.objects.filter(action="scoring_link.revoked").exists()


def test_link_shows_no_conflicted_unit(client, staff, zone_committee, zone_round, entry):
    local = kamnan_seat(zone_committee, staff, home="6501", email="local@example.org")
    with pytest.raises(ValidationError, match="ไม่มีหน่วยนับ"):
        links.issue_link(
            zone_round, local, by=staff
        )  # every unit is of their district: nothing to score, no link
    seat = kamnan_seat(zone_committee, staff, home="6505", email="ok@example.org")
    link, url = links.issue_link(zone_round, seat, by=staff)
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{path}{entry.pk + 999}/").status_code == 404  # not a unit of the link: nothing shown
    # the unit becomes conflicted (the member declares through the secretary: here, their home district moves)
    seat.person.home_district = district("6501")
    seat.person.save()
    r = client.get(f"/{path}{entry.pk}/")
    assert r.status_code == 404 and entry.enrolment.unit.name not in r.content.decode()


def test_link_requests_are_rate_limited(client, link, settings):
    from apps.evaluation import views_link

    codes = [client.get("/" + link.path).status_code for _ in range(views_link.RATE + 1)]
    assert codes[0] == 200 and codes[-1] == 429


def test_link_send_from_the_members_page(as_user, staff, zone_committee, zone_round, entry, zone_member):
    seat = kamnan_seat(zone_committee, staff, email="")
    url = f"/app/evaluation/rounds/{zone_round.pk}/members/{seat.pk}/link/"
    r = as_user(staff).post(url, {})
    assert r.status_code == 302  # no e-mail on record: a Thai message, nothing sent
    assert not ScoringLink.objects.exists()
    assert as_user(staff).post(url, {"email": "not-an-email"}).status_code == 302
    assert as_user(staff).post(url, {"email": "kamnan@example.org"}).status_code == 302
    assert ScoringLink.objects.get().sent_to == "kamnan@example.org"
    assert as_user(zone_member).post(url, {"email": "x@example.org"}).status_code == 403


# --- a member removed after scoring --------------------------------------------------------------------------


def test_member_removed_after_scoring_keeps_scores_marked(
    as_user, staff, zone_committee, entry, zone_chair, zone_member
):
    submit(entry, zone_member)
    seat = CommitteeMember.objects.get(committee=zone_committee, user=zone_member)
    r = as_user(staff).post(f"/app/evaluation/committees/{zone_committee.pk}/members/{seat.pk}/remove/")
    assert r.status_code == 302
    seat.refresh_from_db()
    assert seat.removed_at is not None and Scorecard.objects.filter(seat=seat).count() == 1
    pic = entry_picture(entry)
    states = {s.pk: state for s, state in pic.cells}
    assert states[seat.pk] == "removed" and pic.submitted == 0  # kept on record, no longer counted
    assert not RoundEntry.objects.scorable_by(zone_member).exists()
    body = as_user(staff).get(f"/app/evaluation/committees/{zone_committee.pk}/").content.decode()
    assert "พ้นจากคณะ" in body
    # a member removed before scoring simply goes
    k = kamnan_seat(zone_committee, staff)
    services.remove_member(k, by=staff)
    assert not CommitteeMember.objects.filter(pk=k.pk).exists()


# --- blind chair and secretary -------------------------------------------------------------------------------


def test_chair_sees_no_mean_before_own_scorecard(as_user, entry, zone_round, zone_chair, zone_member, staff):
    submit(entry, zone_member, value=3)
    c = as_user(zone_chair)
    body = c.get(f"/app/evaluation/rounds/{zone_round.pk}/").content.decode()
    assert "ส่งใบให้คะแนนของท่านก่อนจึงเห็นคะแนน" in body and "68.00" not in body
    body = c.get(f"/app/evaluation/entries/{entry.pk}/decide/").content.decode()
    assert 'id="blind"' in body and "68.00" not in body
    assert entry.pk in blind_entries(zone_chair, zone_round)
    # no other member's scorecard either
    assert not Scorecard.objects.visible_to(zone_chair).exclude(member=zone_chair).exists()
    # a decision without their own score needs a reason: the meeting's resolution, recorded as such
    r = c.post(f"/app/evaluation/entries/{entry.pk}/decide/", {"decision": "pass", "version": entry.version})
    assert r.status_code == 200 and "ยังไม่ได้ส่งใบให้คะแนนของท่าน" in r.content.decode()
    submit(entry, zone_chair, value=4)
    body = c.get(f"/app/evaluation/rounds/{zone_round.pk}/").content.decode()
    assert "76.00" in body
    assert Scorecard.objects.visible_to(zone_chair).exclude(member=zone_chair).exists()


def test_staff_secretary_is_blind_too_but_staff_without_seat_is_not(
    as_user, entry, zone_round, zone_committee, zone_member, staff, zone_chair
):
    submit(entry, zone_member, value=3)
    other_staff = User.objects.create_user("staff2@example.org")
    from apps.accounts.enums import Role
    from apps.accounts.models import RoleAssignment

    RoleAssignment.objects.create(
        user=other_staff, role=Role.PROVINCE_STAFF, province=zone_round.committee.year.province
    )
    assert (
        Scorecard.objects.visible_to(staff).filter(entry=entry).exists()
    )  # staff without a seat reads the scores
    services.add_member(zone_committee, role=CommitteeRole.SECRETARY, user=other_staff, by=staff)
    assert not Scorecard.objects.visible_to(other_staff).filter(entry=entry).exists()
    assert entry.pk in blind_entries(other_staff, zone_round)
    assert (
        "68.00" not in as_user(other_staff).get(f"/app/evaluation/rounds/{zone_round.pk}/").content.decode()
    )


def test_member_without_account_declares_a_conflict_through_the_link(client, link, entry):
    from apps.evaluation.models import ConflictDeclaration

    url = f"/{link.path}{entry.pk}/conflict/"
    assert client.get(url).status_code == 405
    r = client.post(url, {"reason": "  "})
    assert r.status_code == 302 and not ConflictDeclaration.objects.exists()
    r = client.post(url, {"reason": "เป็นญาติกับประธานกลุ่ม"})
    assert r.status_code == 200 and "ส่งใบให้คะแนนครบแล้ว" in r.content.decode()
    d = ConflictDeclaration.objects.get()
    assert d.seat == link.seat and d.member is None
    assert not RoundEntry.objects.scorable_for_seat(link.seat).filter(pk=entry.pk).exists()
    states = {s.pk: state for s, state in entry_picture(entry).cells}
    assert states[link.seat.pk] == "excluded"
    ev = AuditEvent.objects.get(action="scorecard.conflict_declared")
    assert ev.reason == "เป็นญาติกับประธานกลุ่ม" and ev.after["name"] == "นายบุญมี ทองสาธิต"
    assert client.get("/" + link.path).status_code == 410  # nothing left to score: spent
