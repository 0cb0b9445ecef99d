"""Certificates revoked before the revocation history existed get it from their fields (migration 0003); one
revoked by a correction of the committee's decision is recognised from the audit log and kept from the button."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from apps.certification.models import Certificate, CertificateEvent
from apps.core.audit import audit
from apps.evaluation.models import Committee, Round, RoundEntry

from .factories import certificate

pytestmark = pytest.mark.django_db


def _backfill():
    importlib.import_module("apps.certification.migrations.0003_certificate_events").backfill_history(
        apps, None
    )


def test_backfill_of_revocations_made_before_the_history(year, staff):
    manual, corrected, valid = certificate(year, staff), certificate(year, staff), certificate(year, staff)
    at = timezone.now()
    Certificate.objects.filter(pk=manual.pk).update(revoked_at=at, revoked_reason="ยุบกลุ่ม", revoked_by=staff)
    Certificate.objects.filter(pk=corrected.pk).update(
        revoked_at=at, revoked_reason="แก้ไขผล", revoked_by=staff
    )
    committee = Committee.objects.create(year=year, level="committee", name="คณะกรรมการ มชช. จังหวัด")
    rnd = Round.objects.create(
        committee=committee,
        title="รอบจังหวัด",
        starts_on=dt.date(2027, 8, 20),
        ends_on=dt.date(2027, 8, 20),
        place="ศาลากลางจังหวัด",
    )
    entry = RoundEntry.objects.create(round=rnd, enrolment=corrected.enrolment)
    audit(
        staff,
        "evaluation.decision_corrected",
        entry,
        before={"decision": "pass"},
        after={"decision": "not_pass"},
        reason="แก้ไขผล",
    )
    _backfill()
    assert list(
        CertificateEvent.objects.filter(certificate=manual).values_list("action", "reason", "by_correction")
    ) == [("revoked", "ยุบกลุ่ม", False)]
    assert list(
        CertificateEvent.objects.filter(certificate=corrected).values_list("by_correction", flat=True)
    ) == [True]
    assert Certificate.objects.get(pk=corrected.pk).revoked_by_correction
    assert not Certificate.objects.get(pk=manual.pk).revoked_by_correction
    assert not CertificateEvent.objects.filter(certificate=valid).exists()
