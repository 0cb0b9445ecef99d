"""Issuing a certificate tells the district officers of the unit's district."""

import pytest

from apps.notifications.models import Notification

from .factories import certificate

pytestmark = pytest.mark.django_db


def test_issue_notifies_district_officers_once(year, staff, officer, neighbour):
    cert = certificate(year, staff)
    n = Notification.objects.get(kind="certificate_issued")
    assert n.user == officer and cert.number in n.title
    # idempotent issuance: no second notice
    from apps.certification.services import issue_certificate

    issue_certificate(cert.enrolment, by=staff)
    assert Notification.objects.filter(kind="certificate_issued").count() == 1
    assert not Notification.objects.filter(user=neighbour).exists()
