"""The {link} of a deadline reminder opens the district's own report of that kind (guideline 2.7.1: the
applicant list "ส่งจังหวัดภายในวันที่ 20 พฤศจิกายน"); the provincial copy opens the review grid."""

import datetime as dt

import pytest
from django.core import mail

from .conftest import DUE, SEVEN_BEFORE

pytestmark = pytest.mark.django_db


def test_link_is_the_districts_report_page(run_daily, deadline, officer, neighbour, staff, as_user):
    year = deadline.year
    run_daily(SEVEN_BEFORE)
    m = next(m for m in mail.outbox if m.to == [officer.email])
    path = f"/app/reports/{year.pk}/6501/applicant_list/"
    assert path in m.body
    assert officer.notifications.get().url.endswith(path)
    assert as_user(officer).get(path).status_code == 200


def test_provincial_copy_links_to_the_review(run_daily, deadline, officer, staff):
    run_daily(DUE + dt.timedelta(days=1))
    copy = next(m for m in mail.outbox if m.to == [staff.email])
    assert f"/app/review/?year={deadline.year.pk}" in copy.body
