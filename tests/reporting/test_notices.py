"""Reviewing a report tells the district (guideline 2.7: the district "ส่งจังหวัดฯ" and the province checks)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from apps.accounts.enums import Role
from apps.notifications.models import Notification
from apps.reporting import services
from tests.factories import district, with_role

from .conftest import at

pytestmark = pytest.mark.django_db


def _submitted(year, officer):
    sub = services.get_or_create_submission(year, district("6501"), "applicant_list")
    return services.submit_report(sub, by=officer, now=at(2026, 11, 18))


def test_return_notifies_district_officers_with_reason_and_link(
    year, units, officer, neighbour, staff, django_capture_on_commit_callbacks
):
    inactive = with_role(Role.DISTRICT_OFFICER, district=district("6501"))
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    sub = _submitted(year, officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_report(sub, by=staff, reason="ขาดข้อมูลผู้ประสานงาน กรุณาเพิ่มแล้วส่งใหม่")
    n = Notification.objects.get(kind="submission_returned")
    assert n.user == officer
    assert "ขาดข้อมูลผู้ประสานงาน" in n.body
    assert n.url.endswith(f"/app/reports/{year.pk}/6501/applicant_list/")
    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_accept_notifies_district_officers(year, units, officer, neighbour, staff):
    sub = _submitted(year, officer)
    services.accept_report(sub, by=staff)
    n = Notification.objects.get(kind="submission_accepted")
    assert n.user == officer and "จังหวัดรับรายงานแล้ว" in n.title
    assert n.url.endswith(f"/app/reports/{year.pk}/6501/applicant_list/")
    assert not Notification.objects.filter(user=neighbour).exists()


def test_refused_review_sends_nothing(year, units, officer, staff):
    sub = _submitted(year, officer)
    services.accept_report(sub, by=staff)
    with pytest.raises(ValidationError, match="ส่งกลับไม่ได้"):
        services.return_report(sub, by=staff, reason="ส่งกลับหลังรับแล้ว")
    assert not Notification.objects.filter(kind="submission_returned").exists()


def test_photo_report_shows_thumbnails_through_the_checked_route(
    as_user, year, photo, officer, neighbour, stranger
):
    p = photo(caption="ประชุมประชาคมหมู่บ้าน")
    url = f"/app/reports/{year.pk}/6501/photos/"
    body = as_user(officer).get(url).content.decode()
    img, thumb = f"/app/photos/{p.pk}/image/", f"/app/photos/{p.pk}/thumb/"
    assert f'href="{img}"' in body and f'src="{thumb}"' in body and "/media/" not in body
    assert 'alt="ประชุมประชาคมหมู่บ้าน"' in body
    for u in (img, thumb):
        r = as_user(officer).get(u)
        assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
        assert as_user(stranger).get(u).status_code == 404
