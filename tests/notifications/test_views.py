"""Inbox, preferences and the operations page, for each persona."""

import pytest
from django.core import mail

from apps.notifications import services
from apps.notifications.enums import DeliveryStatus
from apps.notifications.models import Delivery, Notification

from .conftest import SEVEN_BEFORE

pytestmark = pytest.mark.django_db


def _notices(user, n):
    return (
        services.notify(user, kind="general", title="ประกาศ", body="ข้อความ", url="/app/years/")[-1]
        if n == 1
        else [services.notify(user, kind="general", title=f"ประกาศ {i}")[0] for i in range(n)]
    )


def test_inbox_lists_marks_read_and_hides_others(as_user, officer, neighbour, django_assert_max_num_queries):
    n = _notices(officer, 1)
    c = as_user(officer)
    r = c.get("/app/inbox/")
    assert r.status_code == 200 and "ประกาศ" in r.content.decode()
    assert c.get("/app/inbox/?unread=1").status_code == 200
    r = c.post(f"/app/inbox/{n.pk}/read/", {"open": "1"})
    assert r.status_code == 302 and r["Location"] == "/app/years/"
    n.refresh_from_db()
    assert n.read_at is not None
    other = _notices(neighbour, 1)
    assert c.post(f"/app/inbox/{other.pk}/read/").status_code == 404  # someone else's notice
    assert c.get(f"/app/inbox/{n.pk}/read/").status_code == 405


def test_mark_all_read(as_user, officer):
    _notices(officer, 3)
    c = as_user(officer)
    assert c.post("/app/inbox/read-all/").status_code == 302
    assert not Notification.objects.filter(user=officer, read_at__isnull=True).exists()


def test_inbox_query_count_constant(as_user, officer, django_assert_max_num_queries):
    c = as_user(officer)
    _notices(officer, 1)
    with django_assert_max_num_queries(14) as one:
        c.get("/app/inbox/")
    _notices(officer, 3)
    with django_assert_max_num_queries(len(one.captured_queries)):
        c.get("/app/inbox/")


def test_unread_count_in_panel_and_header_tag(as_user, officer, rf):
    from django.template import Context, Template

    _notices(officer, 3)
    r = as_user(officer).get("/app/")
    assert "ยังไม่อ่าน 3" in r.content.decode()
    req = rf.get("/app/")
    req.user = officer
    html = Template("{% load notifications %}{% inbox_link %}").render(Context({"request": req}))
    assert 'class="badge-count">3<' in html


def test_preferences(as_user, officer, stranger):
    c = as_user(officer)
    assert c.get("/app/inbox/settings/").status_code == 200
    r = c.post("/app/inbox/settings/", {"daily_digest": "on", "email_kinds": ["submission_returned"]})
    assert r.status_code == 302
    pref = officer.notification_preference
    assert pref.daily_digest and "submission_accepted" in pref.muted_kinds
    assert "submission_returned" not in pref.muted_kinds and "deadline_reminder" not in pref.muted_kinds


def test_inbox_needs_a_role(client):
    from tests.factories import UserFactory

    assert client.get("/app/inbox/").status_code == 302
    client.force_login(UserFactory(), backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get("/app/inbox/").status_code == 403


@pytest.fixture
def failed(settings, run_daily, year, officer, neighbour):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    run_daily(SEVEN_BEFORE)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return Delivery.objects.filter(status=DeliveryStatus.FAILED).order_by("pk")


def test_operations_page_filters(
    as_user, failed, staff, officer, national, stranger, django_assert_max_num_queries
):
    c = as_user(staff)
    r = c.get("/app/notifications/deliveries/")
    assert r.status_code == 200 and "SMTPRecipientsRefused" in r.content.decode()
    r = c.get("/app/notifications/deliveries/", {"status": "sent"})
    assert "SMTPRecipientsRefused" not in r.content.decode()
    r = c.get(
        "/app/notifications/deliveries/",
        {"q": officer.email, "kind": "deadline_reminder", "date_from": "01/11/2569", "date_to": "31/12/2569"},
    )
    assert r.status_code == 200 and officer.email in r.content.decode()
    assert as_user(officer).get("/app/notifications/deliveries/").status_code == 403
    assert as_user(national).get("/app/notifications/deliveries/").status_code == 403
    assert (
        "SMTPRecipientsRefused"
        not in as_user(stranger).get("/app/notifications/deliveries/").content.decode()
    )


def test_operations_query_count_constant(as_user, failed, staff, django_assert_max_num_queries):
    c = as_user(staff)
    Delivery.objects.exclude(pk=failed[0].pk).delete()
    with django_assert_max_num_queries(16) as one:
        c.get("/app/notifications/deliveries/")
    services.notify(staff, kind="general", title="ก")
    services.notify(staff, kind="general", title="ข")
    with django_assert_max_num_queries(len(one.captured_queries)):
        c.get("/app/notifications/deliveries/")


def test_retry_one_and_all(as_user, failed, staff, officer, stranger, committed):
    d = failed[0]
    assert as_user(stranger).post(f"/app/notifications/deliveries/{d.pk}/retry/").status_code == 404
    assert as_user(officer).post(f"/app/notifications/deliveries/{d.pk}/retry/").status_code == 403
    c = as_user(staff)
    with committed():
        assert c.post(f"/app/notifications/deliveries/{d.pk}/retry/").status_code == 302
    d.refresh_from_db()
    assert d.status == DeliveryStatus.SENT and len(mail.outbox) == 1
    r = c.post(f"/app/notifications/deliveries/{d.pk}/retry/", follow=True)  # not failed any more
    assert "เฉพาะรายการที่ส่งไม่สำเร็จ" in r.content.decode()
    with committed():
        assert c.post("/app/notifications/deliveries/retry-failed/").status_code == 302
    assert not Delivery.objects.filter(status=DeliveryStatus.FAILED).exists() and len(mail.outbox) == 2
    assert as_user(officer).post("/app/notifications/deliveries/retry-failed/").status_code == 403
