"""Done means: the beat task twice on Redis and a real worker sends exactly one e-mail to each district that has
not submitted. Skipped, never faked, without REDIS_URL (CI runs it against the machine's Redis)."""

import os
import time

import pytest
from django.core import mail

from .conftest import SEVEN_BEFORE

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL")
@pytest.mark.django_db(transaction=True)
def test_beat_task_twice_through_a_real_worker(settings):
    from celery.contrib.testing.worker import start_worker

    from apps.accounts.enums import Role
    from apps.notifications.enums import DONE
    from apps.notifications.models import Delivery
    from apps.notifications.tasks import send_due_reminders
    from apps.reporting.models import Submission
    from mchch.celery import app
    from tests.factories import district, programme_year, province, with_role

    staff = with_role(Role.PROVINCE_STAFF, province=province("65"))
    year = programme_year(by=staff)
    late = with_role(Role.DISTRICT_OFFICER, district=district("6501"))
    done = with_role(Role.DISTRICT_OFFICER, district=district("6502"))
    Submission.objects.create(year=year, district_id="6502", kind="applicant_list", state="submitted")

    from celery.backends.redis import RedisBackend

    app.conf.task_always_eager = False
    app.conf.result_backend = REDIS_URL.rsplit("/", 1)[0] + "/2"
    # app.backend is cached per thread once an eager test ran: read results through our own client
    backend = RedisBackend(app=app, url=app.conf.result_backend)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            for _ in range(2):
                task_id = send_due_reminders.delay(SEVEN_BEFORE.isoformat()).id
                app.AsyncResult(task_id, backend=backend).get(timeout=30)
            deadline = time.monotonic() + 30
            while Delivery.objects.exclude(status__in=DONE).exists() and time.monotonic() < deadline:
                time.sleep(0.2)  # the sends are separate tasks on the same worker
    finally:
        app.conf.task_always_eager = True
    assert [m.to for m in mail.outbox] == [[late.email]]
    assert not Delivery.objects.filter(recipient=done).exists()
