import pytest
from django.core.management import CommandError, call_command

from apps.accounts.models import User
from apps.registry.models import Enrolment, ProgrammeYear, Unit

DEMO = ["admin", "province", "district6501", "district6502", "zone1", "subcommittee", "chair", "national"]


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_every_account_logs_in(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), Unit.objects.count(), Enrolment.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Unit.objects.count(), Enrolment.objects.count()) == counts
    assert ProgrammeYear.objects.filter(province_id="65", fiscal_year__in=[2569, 2570]).count() == 2
    assert Enrolment.objects.filter(year__fiscal_year=2570, carried_over=True).exists()
    # gating tells the truth (guideline 2.5): no unit of the demo sits in a round without its self-assessment and
    # its submitted plan, nor is any let in by an exception
    from apps.evaluation.models import RoundEntry
    from apps.evaluation.readiness import gaps_of

    entries = RoundEntry.objects.all()
    assert entries.exists() and not entries.exclude(override_reason="").exists()
    assert gaps_of(entries.values_list("enrolment_id", flat=True)) == {}
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
