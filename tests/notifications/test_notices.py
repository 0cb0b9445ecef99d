"""Event notices other apps send with notify(); preferences, daily digest, admin alarm on task failure."""

import datetime as dt

import pytest
from celery import shared_task
from django.core import mail
from django.utils import timezone

from apps.notifications import services
from apps.notifications.enums import DeliveryStatus
from apps.notifications.models import Delivery, Notification

pytestmark = pytest.mark.django_db


def test_notify_puts_in_inbox_and_emails(officer, neighbour, committed):
    with committed():
        out = services.notify(
            [officer, neighbour],
            kind="submission_returned",
            title="รายงานถูกส่งกลับให้แก้ไข",
            body="เหตุผล: ขาดภาพกิจกรรม",
            url="/app/years/",
        )
    assert len(out) == 2 and {m.to[0] for m in mail.outbox} == {officer.email, neighbour.email}
    assert Notification.objects.filter(user=officer, kind="submission_returned").count() == 1
    d = Delivery.objects.get(recipient=officer)
    assert d.status == DeliveryStatus.SENT and d.notification.user == officer and d.province_id == "65"


def test_muted_kind_gets_inbox_but_no_email(officer, committed):
    services.save_preferences(
        officer, daily_digest=False, muted_kinds=["certificate_issued", "deadline_reminder"]
    )
    with committed():
        services.notify(officer, kind="certificate_issued", title="ออกใบรับรองแล้ว")
        services.notify(officer, kind="deadline_reminder", title="ต้องส่ง", optional=False)
    assert [m.subject for m in mail.outbox] == ["ต้องส่ง"]  # deadline reminders cannot be muted
    assert Notification.objects.filter(user=officer).count() == 2
    assert officer.notification_preference.muted_kinds == ["certificate_issued"]


def test_daily_digest_one_mail_per_day(officer, run_daily, committed):
    services.save_preferences(officer, daily_digest=True, muted_kinds=[])
    with committed():
        services.notify(officer, kind="submission_accepted", title="จังหวัดรับรายงานแล้ว")
        services.notify(officer, kind="decision_made", title="ผลการพิจารณา: ผ่าน")
        services.notify(officer, kind="general", title="ด่วน", optional=False)  # not optional: at once
    assert [m.subject for m in mail.outbox] == ["ด่วน"]
    today = timezone.localdate()
    run_daily(today)
    run_daily(today)
    digests = [m for m in mail.outbox if "สรุปข่าวสาร" in m.subject]
    assert len(digests) == 1 and "(2 เรื่อง)" in digests[0].subject
    assert "ผลการพิจารณา: ผ่าน" in digests[0].body and "จังหวัดรับรายงานแล้ว" in digests[0].body
    with committed():
        services.notify(officer, kind="general", title="ข่าวช่วงบ่าย")
    run_daily(today)  # today's digest went: the new notice waits for tomorrow
    assert len([m for m in mail.outbox if "สรุปข่าวสาร" in m.subject]) == 1
    run_daily(today + dt.timedelta(days=1))
    assert "ข่าวช่วงบ่าย" in [m for m in mail.outbox if "สรุปข่าวสาร" in m.subject][-1].body
    assert Notification.objects.filter(user=officer).count() == 4  # the digest itself is no inbox notice


@shared_task(name="tests.notifications.explode")
def explode():
    raise RuntimeError("ทดสอบงานล้มเหลว")


def test_task_failure_mails_the_admins(settings):
    settings.ADMINS = [("admin", "ops@example.org")]
    result = explode.apply(throw=False)  # as on a worker: the failure is recorded, not raised to the caller
    assert result.failed()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ops@example.org"]
    assert "tests.notifications.explode" in mail.outbox[0].subject and "ทดสอบงานล้มเหลว" in mail.outbox[0].body
