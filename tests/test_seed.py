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
    counts = (User.objects.count(), Unit.objects.count(), Enrolment.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Unit.objects.count(), Enrolment.objects.count()) == counts
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
