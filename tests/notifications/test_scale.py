"""Benchmark (issue 8, speed): deciding and queuing the reminders of a national-scale year — every province,
every district (~900), all five deadlines due the same week — in under 30 s, with a constant number of
queries whatever the number of rules or recipients."""

import datetime as dt
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment, User
from apps.geo.models import District, Province
from apps.notifications import services
from apps.notifications.deadlines import DEFAULT_TEXT
from apps.notifications.models import Delivery, ReminderRule
from apps.registry.enums import DeadlineKind
from apps.registry.models import Deadline, ProgrammeYear

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 11, 20)


def test_national_scale_planning_is_fast_and_query_count_is_per_rule():
    provinces = list(Province.objects.all())
    years = ProgrammeYear.objects.bulk_create(
        [ProgrammeYear(province=p, fiscal_year=2570) for p in provinces]
    )
    years = list(ProgrammeYear.objects.filter(fiscal_year=2570))
    Deadline.objects.bulk_create(
        [Deadline(year=y, kind=k, due_on=DUE) for y in years for k in DeadlineKind.values]
    )
    ReminderRule.objects.bulk_create(
        [ReminderRule(year=y, kind=k, **DEFAULT_TEXT) for y in years for k in DeadlineKind.values]
    )
    districts = list(District.objects.all())
    users = User.objects.bulk_create(
        [User(email=f"d{d.code}@example.org", first_name=f"พัฒนาการ{d.code}", password="!") for d in districts]
    )
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=u, role=Role.DISTRICT_OFFICER, district=d)
            for u, d in zip(users, districts, strict=True)
        ]
    )
    n_rules = ReminderRule.objects.count()
    assert len(districts) > 900

    start = time.monotonic()
    with CaptureQueriesContext(connection) as q:
        offered = services.queue_reminders(DUE - dt.timedelta(days=7))
    took = time.monotonic() - start
    assert offered == len(districts) * len(DeadlineKind.values)
    assert Delivery.objects.count() == offered
    batches = -(-offered // 1000)
    # INSERTs are split by the database driver's parameter limit; everything else is per rule
    # (the evaluation sources registered beside it look for rounds: one or two queries each, none here)
    reads = [
        x
        for x in q.captured_queries
        if not x["sql"].lstrip().upper().startswith("INSERT") and "evaluation_" not in x["sql"]
    ]
    assert len(reads) <= 6 + batches, len(reads)  # constant: not per rule, not per recipient
    print(
        f"\nplanned {offered} reminders for {len(districts)} districts, {n_rules} rules: "
        f"{took:.2f} s, {len(q.captured_queries)} queries"
    )
