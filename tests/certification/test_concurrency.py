"""Two staff issuing at once (guideline 2.10 gives one number per certified unit): run on PostgreSQL,
where select_for_update really blocks; SQLite serialises writers anyway."""

import threading

import pytest
from django.db import connection, connections

from apps.certification import services
from apps.certification.models import Certificate

from .factories import certified_enrolment

pg_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")


def _race(fn, args_list):
    barrier = threading.Barrier(len(args_list))
    results, errors = [], []

    def run(args):
        try:
            barrier.wait(timeout=10)
            results.append(fn(*args))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(a,)) for a in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results, errors


@pg_only
@pytest.mark.django_db(transaction=True)
def test_two_staff_issue_the_same_enrolment_at_once(year, staff):
    e = certified_enrolment(year)
    results, errors = _race(lambda: services.issue_certificate(e, by=staff).pk, [(), (), (), ()])
    assert not errors
    assert len(set(results)) == 1 and Certificate.objects.count() == 1


@pg_only
@pytest.mark.django_db(transaction=True)
def test_numbers_do_not_collide_or_skip_under_concurrency(year, staff):
    enrolments = [certified_enrolment(year) for _ in range(6)]
    results, errors = _race(lambda e: services.issue_certificate(e, by=staff).seq, [(e,) for e in enrolments])
    assert not errors
    assert sorted(results) == [1, 2, 3, 4, 5, 6]
