"""Two staff issuing at once (guideline 2.10 gives one number per certified unit): run on PostgreSQL,
where select_for_update really blocks; SQLite serialises writers anyway."""

import threading

import pytest
from django.db import connection, connections

from apps.certification import services
from apps.certification.models import Certificate

from .factories import certified_enrolment

# Flushing only these apps' tables keeps the geography that the migration loaded, which later tests need.
KEEP_GEO = [
    "apps.core",
    "apps.accounts",
    "apps.registry",
    "apps.certification",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.sessions",
]
pg_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")


@pytest.fixture
def _geo(transactional_db):
    """A transactional test flushes every table afterwards, the geography loaded by migration included:
    reload it when an earlier transactional test emptied it."""
    from apps.geo.loader import load_geography
    from apps.geo.models import District, Province, Subdistrict

    load_geography(Province, District, Subdistrict)


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
@pytest.mark.django_db(transaction=True, available_apps=KEEP_GEO)
def test_two_staff_issue_the_same_enrolment_at_once(_geo, year, staff):
    e = certified_enrolment(year)
    results, errors = _race(lambda: services.issue_certificate(e, by=staff).pk, [(), (), (), ()])
    assert not errors
    assert len(set(results)) == 1 and Certificate.objects.count() == 1


@pg_only
@pytest.mark.django_db(transaction=True, available_apps=KEEP_GEO)
def test_numbers_do_not_collide_or_skip_under_concurrency(_geo, year, staff):
    enrolments = [certified_enrolment(year) for _ in range(6)]
    results, errors = _race(lambda e: services.issue_certificate(e, by=staff).seq, [(e,) for e in enrolments])
    assert not errors
    assert sorted(results) == [1, 2, 3, 4, 5, 6]


@pg_only
@pytest.mark.django_db(transaction=True, available_apps=KEEP_GEO)
def test_two_staff_reinstate_at_once_one_event(_geo, year, staff):
    from django.core.exceptions import ValidationError

    from apps.certification.models import CertificateEvent

    cert = services.issue_certificate(certified_enrolment(year), by=staff)
    services.revoke_certificate(cert, by=staff, reason="เพิกถอนผิดใบ")
    results, errors = _race(
        lambda: services.reinstate_certificate(cert, by=staff, reason="คืนสถานะ").pk, [(), (), ()]
    )
    assert len(results) == 1 and len(errors) == 2
    assert all(isinstance(e, ValidationError) and "ไม่ได้ถูกเพิกถอน" in e.messages[0] for e in errors)
    assert CertificateEvent.objects.filter(certificate=cert, action="reinstated").count() == 1
    cert.refresh_from_db()
    assert cert.revoked_at is None
