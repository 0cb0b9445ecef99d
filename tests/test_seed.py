import pytest
from django.core.management import CommandError, call_command

from apps.accounts.models import User
from apps.registry.models import Enrolment, ProgrammeYear, Unit

DEMO = [
    "admin",
    "province",
    "district6501",
    "district6502",
    "zone1",
    "subcommittee",
    "chair",
    "national",
    "sukhothai",
]


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_every_account_logs_in(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    from apps.development.models import NationalCatalogue, StandardSet

    def counts_now():
        return (
            User.objects.count(),
            Unit.objects.count(),
            Enrolment.objects.count(),
            NationalCatalogue.objects.count(),
            StandardSet.objects.count(),
        )

    counts = counts_now()
    call_command("seed_demo")
    assert counts_now() == counts
    # the centre's catalogue (issue 20 item 1): both provinces adopted it, Phitsanulok with indicators of its own
    adopted = StandardSet.objects.filter(national__isnull=False, is_published=True)
    assert set(adopted.values_list("year__province_id", "national__fiscal_year").distinct()) == {
        ("65", 2570),
        ("64", 2569),
    }
    assert adopted.filter(
        components__indicators__national_source__isnull=True, year__province_id="65"
    ).exists()
    assert ProgrammeYear.objects.filter(province_id="65", fiscal_year__in=[2569, 2570]).count() == 2
    # the second, smaller province: one year, its own units, none of Phitsanulok's names
    assert list(ProgrammeYear.objects.filter(province_id="64").values_list("fiscal_year", flat=True)) == [
        2569
    ]
    assert Unit.objects.filter(district__province_id="64").count() == 9
    assert Enrolment.objects.filter(year__fiscal_year=2570, carried_over=True).exists()
    # gating tells the truth (guideline 2.5): no unit of the demo sits in a round without its self-assessment and
    # its submitted plan, nor is any let in by an exception
    from apps.evaluation.models import RoundEntry
    from apps.evaluation.readiness import gaps_of

    entries = RoundEntry.objects.all()
    assert entries.exists() and not entries.exclude(override_reason="").exists()
    assert gaps_of(entries.values_list("enrolment_id", flat=True)) == {}
    _paper_trail_of_2569()
    # people, not only accounts: every seat has its person; FY 2570's zone 1 round has a member without an
    # account (a kamnan) whose scores the secretary typed in from his signed paper sheet, with invented names
    from apps.core.demo_people import is_demo_name
    from apps.core.models import AuditEvent
    from apps.evaluation.models import CommitteeMember, Scorecard

    seats = CommitteeMember.objects.select_related("person")
    assert all(s.person.user_id == s.user_id for s in seats)
    assert all(is_demo_name(s.person.full_name) for s in seats if s.person.user_id is None)
    paper = Scorecard.objects.get(seat__user__isnull=True, entry__round__committee__year__fiscal_year=2570)
    assert paper.entry.round.committee.level == "zone" and paper.recorded_by.email == "province@example.org"
    assert AuditEvent.objects.filter(action="scorecard.submitted_on_behalf", object_id=str(paper.pk)).exists()
    # one district officer receives LINE messages (a fake LINE account, marked as demo)
    from apps.notifications.models import Delivery, LineAccount

    line = LineAccount.objects.get()
    assert line.is_demo and line.user.email == "district6502@example.org"
    assert Delivery.objects.filter(recipient=line.user, channel="line", status="sent").count() >= 4
    for name in DEMO:
        client.logout()
        r = client.post("/accounts/login/", {"login": f"{name}@example.org", "password": "mchch-demo-2570"})
        assert r.status_code == 302, name
        assert client.get("/app/").status_code == 200, name


@pytest.mark.django_db
def test_seed_demo_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def _august_presentations(provincial, docs):
    """Guideline 2.8: the provincial committee's meeting no. 1 in August hears one exemplar per district, in
    order, one after another, each with the committee's remarks; its invitation and minutes list them."""
    import datetime as dt

    from apps.evaluation.models import Exemplar, Meeting

    august = Meeting.objects.get(round=provincial.round, number=1)
    assert august.held_on.month == 8 and august.held_on < provincial.held_on
    assert august.minutes_approved_in == provincial
    items = list(august.presentations.select_related("exemplar").order_by("order"))
    exemplars = Exemplar.objects.filter(year=provincial.round.committee.year)
    assert len(items) == exemplars.count() == 9
    assert [p.order for p in items] == list(range(1, 10))
    for a, b in zip(items, items[1:], strict=False):
        assert dt.datetime.combine(august.held_on, a.starts_at) + dt.timedelta(minutes=a.minutes) <= (
            dt.datetime.combine(august.held_on, b.starts_at)
        )
    assert all(p.remarks for p in items)
    (invitation,) = docs[("invitation", "meeting", str(august.pk))]
    (minutes,) = docs[("minutes", "meeting", str(august.pk))]
    for doc in (invitation, minutes):
        tables = [b["table"] for b in doc.body["blocks"] if "table" in b]
        assert [r[2] for r in tables[-1]["rows"]] == [p.exemplar.district.name_th for p in items]


def _paper_trail_of_2569():
    """FY 2569's paper trail: every committee with seats has its appointment order, every round met with a quorum
    and approved minutes, each meeting has its invitation (before it) and minutes, the announcement follows the
    provincial meeting, and every certificate is dated on the day of the provincial resolution that passed the
    unit and numbered with พล; numbers never repeat in a register and run with the dates."""
    from collections import defaultdict

    from apps.certification.models import Certificate
    from apps.evaluation import meetings
    from apps.evaluation.models import Committee, Meeting, RoundEntry
    from apps.paperwork.models import Number, OfficialDocument
    from apps.registry.enums import EvaluationLevel

    docs = defaultdict(list)
    for d in OfficialDocument.objects.filter(dated__year=2026).select_related("content_type"):
        docs[(d.kind, d.content_type.model, d.object_id)].append(d)
    seated = Committee.objects.filter(year__fiscal_year=2569, members__isnull=False).distinct()
    levels = set(seated.values_list("level", flat=True))
    assert {EvaluationLevel.DISTRICT, EvaluationLevel.ZONE, EvaluationLevel.COMMITTEE} <= levels
    for c in seated:
        (order,) = docs[("appointment", "committee", str(c.pk))]
        for m in Meeting.objects.filter(round__committee=c):
            assert meetings.quorum_of(m).met, m
            assert m.minutes and m.minutes_approved_on and m.minutes_approved_on >= m.held_on
            (invitation,) = docs[("invitation", "meeting", str(m.pk))]
            (minutes,) = docs[("minutes", "meeting", str(m.pk))]
            assert order.dated < invitation.dated < m.held_on <= minutes.dated
            if m.presentations.exists():  # the August meeting hears the exemplars and resolves nothing
                continue
            assert (
                m.resolutions.count() == RoundEntry.objects.filter(round=m.round).exclude(decision="").count()
            )
    provincial = Meeting.objects.get(
        round__committee__year__fiscal_year=2569, round__committee__level="committee", number=2
    )
    _august_presentations(provincial, docs)
    (announcement,) = docs[("announcement", "round", str(provincial.round_id))]
    assert announcement.dated > provincial.held_on
    # Phitsanulok runs its rounds in the app; Sukhothai (the second demo province) holds certificates only
    certs = Certificate.objects.filter(year__fiscal_year=2569, year__province_id="65").select_related(
        "enrolment"
    )
    assert certs.exists()
    day = dict(
        RoundEntry.objects.filter(round__committee__level="committee", enrolment__year__fiscal_year=2569)
        .exclude(decided_in=None)
        .values_list("enrolment_id", "decided_in__held_on")
    )
    for cert in certs:
        assert cert.certified_on == day[cert.enrolment_id], cert.number
        assert cert.number.startswith("พล ") and cert.number.endswith("/2569"), cert.number
    for office_id, register in set(Number.objects.values_list("office_id", "register")):
        rows = list(Number.objects.filter(office_id=office_id, register=register).order_by("year", "seq"))
        assert len({(n.year, n.seq) for n in rows}) == len(rows)
        dated = [n.document.dated for n in rows if hasattr(n, "document")]
        assert dated == sorted(dated)
