"""seed_scale on a small slice (1 province × 2 years × 12 units): the development, evaluation and notification
steps leave data that keeps the models' rules, and the pages measured by benchmarks/ render on it."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse

from apps.development.models import Answer, Indicator, Plan, SelfAssessment, StandardSet, Visit
from apps.development.scoring import evaluate
from apps.evaluation.enums import CommitteeRole, Decision, ScorecardStatus
from apps.evaluation.models import Committee, CommitteeMember, RoundEntry, Score, Scorecard
from apps.notifications.models import Delivery, Notification
from apps.registry.enums import EvaluationLevel, Outcome
from apps.registry.models import Enrolment, ProgrammeYear

ADMIN_PAGES = [
    "development/standardset",
    "development/selfassessment",
    "development/plan",
    "development/visit",
    "evaluation/committee",
    "evaluation/round",
    "evaluation/roundentry",
    "evaluation/scorecard",
    "evaluation/score",
    "notifications/delivery",
    "notifications/notification",
]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seeded once for the module, in a transaction rolled back after its last test."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        with transaction.atomic():
            call_command("seed_scale", provinces=1, years=2, units=12, stdout=io.StringIO())
            yield list(ProgrammeYear.objects.order_by("fiscal_year"))
            transaction.set_rollback(True)


def test_development_work_for_every_enrolment(seeded, db):
    enrolments = Enrolment.objects.count()
    assert enrolments == 2 * 12
    assert SelfAssessment.objects.count() == enrolments
    assert StandardSet.objects.filter(is_published=True).count() == 2 * 4
    per_set = dict(Indicator.objects.values_list("component__standard_set").annotate(n=Count("pk")))
    assert Answer.objects.count() == sum(per_set[sa.standard_set_id] for sa in SelfAssessment.objects.all())
    for sa in SelfAssessment.objects.select_related("standard_set").prefetch_related("answers__indicator")[
        :6
    ]:
        scores = {a.indicator_id: a.score for a in sa.answers.all()}
        assert all(0 <= a.score <= a.indicator.top for a in sa.answers.all())
        result = evaluate(sa.standard_set, scores)
        assert (sa.percent, sa.passed) == (result.percent, result.passed)
    plans = Plan.objects.annotate(
        goals_n=Count("goals", distinct=True), acts=Count("activities", distinct=True)
    )
    assert 0.5 * enrolments <= plans.count() < enrolments
    assert all(p.goals_n == 2 and 3 <= p.acts <= 4 for p in plans)
    past, current = seeded
    assert not plans.filter(enrolment__year=past, status="draft").exists()
    # a submitted plan of this year moved its unit to stage 4, as submit_plan does
    assert all(p.enrolment.stage == 4 for p in plans.filter(enrolment__year=current, status="submitted"))
    assert enrolments <= Visit.objects.count() <= 3 * enrolments


def test_evaluation_chain_agrees_with_outcomes(seeded, db):
    past, current = seeded
    assert Committee.objects.filter(year=current).exists()
    assert not RoundEntry.objects.filter(round__committee__year=current).exists()
    last = past.levels[-1]
    for e in Enrolment.objects.filter(year=past).prefetch_related("round_entries__round__committee"):
        decisions = {x.round.committee.level: x.decision for x in e.round_entries.all()}
        assert decisions.get(EvaluationLevel.DISTRICT), e
        if e.outcome == Outcome.CERTIFIED:
            assert decisions[last] == Decision.PASS and set(decisions.values()) == {Decision.PASS}
        else:
            assert Decision.NOT_PASS in decisions.values()
    cards = Scorecard.objects.all()
    assert cards.count() > 0
    assert not cards.exclude(status=ScorecardStatus.SUBMITTED).exists()
    assert Score.objects.count() == sum(
        Indicator.objects.filter(component__standard_set=c.standard_set_id).count() for c in cards
    )
    for entry in RoundEntry.objects.filter(scorecards__isnull=False).distinct():
        mean = entry.mean_percent
        assert (mean >= 60) == (entry.decision == Decision.PASS)


def test_reminders_and_inbox(seeded, db):
    assert Delivery.objects.filter(source="deadlines", status="sent").exists()
    assert Delivery.objects.filter(status="failed").exists()
    assert Notification.objects.filter(read_at__isnull=True).exists()
    assert Notification.objects.filter(read_at__isnull=False).exists()
    # every attempted reminder has its inbox notice
    assert not Delivery.objects.filter(
        source="deadlines", status__in=["sent", "failed"], notification__isnull=True
    ).exists()


def test_member_pages_render(seeded, db, client, django_user_model):
    chair = CommitteeMember.objects.filter(
        committee__level=EvaluationLevel.COMMITTEE,
        role=CommitteeRole.CHAIR,
        committee__rounds__entries__isnull=False,
    ).first()
    card = (
        Scorecard.objects.filter(member=chair.user, entry__round__committee=chair.committee)
        .select_related("entry__round", "member")
        .first()
    )
    client.force_login(card.member)
    assert client.get(reverse("evaluation:my_scorecards")).status_code == 200
    r = client.get(reverse("evaluation:score", args=[card.entry_id]))
    assert r.status_code == 200 and r.context["submitted"]
    r = client.get(reverse("evaluation:round", args=[card.entry.round_id]))
    assert r.status_code == 200 and len(r.context["pictures"]) == card.entry.round.entries.count()
    assert client.get(reverse("evaluation:entry_decide", args=[card.entry_id])).status_code == 200
    admin = django_user_model.objects.create_superuser(email="admin-seed@example.org", password="x")
    client.force_login(admin)
    for page in ADMIN_PAGES:
        assert client.get(f"/admin/{page}/").status_code == 200, page


def test_every_admin_page_renders_on_the_slice(seeded, db, client, django_user_model):
    """Each registered model's changelist and the change page of its first row, as a system admin: a
    list_display or an inline that breaks on real rows is a 500 here, not in a province's office."""
    from django.contrib import admin as django_admin

    client.force_login(
        django_user_model.objects.create_superuser(email="admin-all@example.org", password="x")
    )
    for model in django_admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(url).status_code == 200, url
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            assert client.get(url).status_code == 200, url


def test_seeded_reports_are_shaped_as_the_report_page_reads_them(seeded, db):
    """A sent report keeps its frozen snapshot: the seeded ones have every key a built one has (the report page
    read snapshot["kind"] and answered 500 on seed_scale data, found by the deadline-day load test)."""
    from apps.reporting.models import Submission
    from apps.reporting.snapshot import build_snapshot, is_empty

    subs = list(Submission.objects.select_related("year", "district"))
    assert subs
    built = build_snapshot(subs[0].year, subs[0].district, subs[0].kind)
    for sub in subs:
        assert set(sub.snapshot) == set(built) and sub.snapshot["kind"] == sub.kind
        assert is_empty(sub.snapshot)
