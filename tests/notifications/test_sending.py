"""Sending reminders: once per key, only to districts that have not delivered, atomically claimed."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from apps.notifications import services
from apps.notifications.enums import DeliveryStatus
from apps.notifications.models import Delivery, Notification
from apps.registry.services import update_calendar
from tests.factories import Role, district, with_role

from .conftest import DUE, SEVEN_BEFORE

pytestmark = pytest.mark.django_db


def _to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_two_runs_send_exactly_one_mail_to_each_district_that_has_not_submitted(
    run_daily, deadline, officer, neighbour, submit, staff
):
    year = deadline.year
    submit(year, "6502")  # Nakhon Thai delivered: it must get nothing
    run_daily(SEVEN_BEFORE)
    run_daily(SEVEN_BEFORE)  # a second beat on the same day
    assert len(_to(officer)) == 1 and _to(neighbour) == [] and _to(staff) == []
    m = _to(officer)[0]
    assert "20 พฤศจิกายน 2569" in m.subject and "อำเภอเมืองพิษณุโลก" in m.body and "อีก 7 วัน" in m.body
    assert "ยังไม่ได้จัดทำ" in m.body
    assert Notification.objects.filter(user=officer).count() == 1
    assert not Notification.objects.filter(user=neighbour).exists()
    d = Delivery.objects.get(recipient=officer)
    assert (d.status, d.offset_days, d.due_on, d.attempts) == (DeliveryStatus.SENT, -7, DUE, 1)
    # a day that is no offset sends nothing
    run_daily(SEVEN_BEFORE + dt.timedelta(days=1))
    assert len(mail.outbox) == 1


def test_returned_report_is_still_missing_and_says_why(run_daily, deadline, officer, submit):
    submit(deadline.year, "6501", state="returned", reason="ขาดรายชื่อผู้นำ อช.")
    run_daily(SEVEN_BEFORE)
    assert "ขาดรายชื่อผู้นำ อช." in _to(officer)[0].body


def test_overdue_reminder_copies_the_provincial_desk(run_daily, deadline, officer, neighbour, staff, submit):
    submit(deadline.year, "6502", state="accepted")
    run_daily(DUE + dt.timedelta(days=1))
    assert "เลยกำหนด" in _to(officer)[0].subject and len(_to(neighbour)) == 0
    copy = _to(staff)
    assert len(copy) == 1 and "สำเนาถึงจังหวัด" in copy[0].subject and "อำเภอเมืองพิษณุโลก" in copy[0].body
    assert "อำเภอนครไทย" not in copy[0].body.split("—")[1].split(")")[0]


def test_two_concurrent_claims_only_one_wins(run_daily, deadline, officer):
    services.queue_reminders(SEVEN_BEFORE)
    d = Delivery.objects.get(recipient=officer)
    assert services.claim(d.pk) is True  # worker A
    assert services.claim(d.pk) is False  # worker B, same row, a moment later
    assert services.deliver(d.pk) is None  # B does not send
    assert mail.outbox == []


@pytest.mark.skipif(connection.vendor == "sqlite", reason="row-level concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_threads_claim_the_same_delivery_at_once(officer):
    from django.db import connections

    from tests.factories import programme_year

    year = programme_year()
    services.queue_reminders(SEVEN_BEFORE)
    d = Delivery.objects.get(recipient=officer, due_on=year.deadlines.get(kind="applicant_list").due_on)
    barrier, results = threading.Barrier(8), []

    def worker():
        try:
            barrier.wait()
            results.append(services.deliver(d.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r for r in results if r) == [DeliveryStatus.SENT]
    assert len(_to(officer)) == 1


def test_crash_mid_run_resumes_without_duplicates(run_daily, deadline, officer, neighbour):
    services.queue_reminders(SEVEN_BEFORE)  # the run recorded its deliveries …
    first = Delivery.objects.get(recipient=officer)
    services.deliver(first.pk)  # … sent one, then the worker died
    stuck = Delivery.objects.get(recipient=neighbour)
    services.claim(stuck.pk, now=dt.datetime(2026, 11, 13, 0, 0, tzinfo=dt.UTC))  # claimed, never finished
    run_daily(SEVEN_BEFORE)  # the next run (or the retried task) resumes
    assert len(_to(officer)) == 1 and len(_to(neighbour)) == 1
    run_daily(SEVEN_BEFORE)
    assert len(mail.outbox) == 2


def test_moved_deadline_no_duplicate_and_new_date_from_then_on(run_daily, deadline, officer, staff):
    run_daily(DUE - dt.timedelta(days=14))  # 6 Nov: "14 days before 20 Nov"
    run_daily(SEVEN_BEFORE)  # 13 Nov: "7 days before 20 Nov"
    periods = {p.stage: (p.starts_on, p.ends_on) for p in deadline.year.stage_periods.all()}
    update_calendar(
        deadline.year, periods=periods, deadlines={"applicant_list": dt.date(2026, 11, 27)}, by=staff
    )
    run_daily(SEVEN_BEFORE)  # re-run after the move: 13 Nov is "14 days before 27 Nov", already announced
    run_daily(dt.date(2026, 11, 19))  # the old "1 day before": nothing, the old date is gone
    run_daily(dt.date(2026, 11, 20))  # "7 days before 27 Nov": offset 7 was announced, no duplicate
    run_daily(dt.date(2026, 11, 21))  # the old "1 day after": nothing
    assert len(_to(officer)) == 2
    run_daily(dt.date(2026, 11, 26))  # 1 day before the new date: announced with the new date
    run_daily(dt.date(2026, 11, 26))
    msgs = _to(officer)
    assert len(msgs) == 3 and "27 พฤศจิกายน 2569" in msgs[2].subject
    run_daily(dt.date(2026, 11, 28))  # overdue, counted from the new date
    assert len(_to(officer)) == 4 and "เลยกำหนด" in _to(officer)[3].subject
    assert set(Delivery.objects.filter(recipient=officer).values_list("due_on", "offset_days")) == {
        (DUE, -14),
        (DUE, -7),
        (dt.date(2026, 11, 27), -1),
        (dt.date(2026, 11, 27), 1),
    }


def test_pending_delivery_for_an_old_date_is_cancelled(run_daily, deadline, officer, staff):
    services.queue_reminders(SEVEN_BEFORE)
    deadline.due_on = dt.date(2026, 11, 25)
    deadline.save()
    run_daily(dt.date(2026, 11, 14))
    assert mail.outbox == []
    assert Delivery.objects.get(recipient=officer).status == DeliveryStatus.CANCELLED


def test_district_that_submits_before_the_send_gets_nothing(run_daily, deadline, officer, submit):
    services.queue_reminders(SEVEN_BEFORE)
    submit(deadline.year, "6501")
    run_daily(SEVEN_BEFORE)
    assert mail.outbox == [] and Delivery.objects.get(recipient=officer).status == DeliveryStatus.CANCELLED


def test_user_without_email_gets_the_inbox_only_recorded_as_skipped(run_daily, deadline):
    u = with_role(Role.DISTRICT_OFFICER, district=district("6503"))
    u.email = ""
    u.save()
    run_daily(SEVEN_BEFORE)
    d = Delivery.objects.get(recipient=u)
    assert d.status == DeliveryStatus.SKIPPED and "ไม่มีอีเมล" in d.last_error
    assert Notification.objects.filter(user=u, delivery=d).count() == 1
    run_daily(SEVEN_BEFORE)
    assert Notification.objects.filter(user=u).count() == 1


def test_refusing_smtp_server_marks_failed_then_retried_later(run_daily, deadline, officer, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    run_daily(SEVEN_BEFORE)
    d = Delivery.objects.get(recipient=officer)
    assert d.status == DeliveryStatus.FAILED and "SMTPRecipientsRefused" in d.last_error
    assert d.attempts == 1 and d.next_attempt_at is not None
    assert Notification.objects.filter(user=officer).count() == 1  # the inbox has it already
    run_daily(SEVEN_BEFORE)  # too early: the back-off has not passed
    assert Delivery.objects.get(pk=d.pk).attempts == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Delivery.objects.filter(pk=d.pk).update(next_attempt_at=d.next_attempt_at - dt.timedelta(days=1))
    run_daily(SEVEN_BEFORE + dt.timedelta(days=1))  # the next daily run retries it
    d.refresh_from_db()
    assert d.status == DeliveryStatus.SENT and d.attempts == 2 and len(_to(officer)) == 1
    assert Notification.objects.filter(user=officer).count() == 1


def test_backoff_grows():
    assert services.backoff(1) < services.backoff(2) < services.backoff(3) <= services.backoff(30)


def test_retry_task_is_configured_for_backoff():
    from apps.notifications.tasks import DeliveryFailed, send_delivery

    assert send_delivery.autoretry_for == (DeliveryFailed,)
    assert send_delivery.retry_backoff and send_delivery.max_retries == 5


def test_inactive_rule_sends_nothing(run_daily, deadline, officer):
    deadline.year.reminder_rules.filter(kind="applicant_list").update(is_active=False)
    run_daily(SEVEN_BEFORE)
    assert mail.outbox == []


def test_planning_query_count_does_not_grow_with_recipients(deadline, django_assert_max_num_queries):
    from apps.notifications.deadlines import deadline_reminders

    for code in ("6501",):
        with_role(Role.DISTRICT_OFFICER, district=district(code))
    with django_assert_max_num_queries(6):
        one = list(deadline_reminders(SEVEN_BEFORE))
    for code in ("6502", "6503", "6504", "6505", "6506"):
        with_role(Role.DISTRICT_OFFICER, district=district(code))
        with_role(Role.DISTRICT_OFFICER, district=district(code))
    with django_assert_max_num_queries(6):
        many = list(deadline_reminders(SEVEN_BEFORE))
    assert len(one) == 1 and len(many) == 11


def test_beat_task_and_command(deadline, officer, committed):
    from apps.notifications.tasks import send_due_reminders

    with committed():
        send_due_reminders.delay(SEVEN_BEFORE.isoformat())
    with committed():
        call_command("send_reminders", "--date", SEVEN_BEFORE.isoformat())
    assert len(_to(officer)) == 1
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "13/11/2569")
