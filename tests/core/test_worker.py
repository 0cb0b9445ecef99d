"""A real Celery worker on the real broker (Redis in CI). Skipped, never faked, without REDIS_URL."""

import os

import pytest

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (CI runs it against the machine's Redis)")
@pytest.mark.django_db(transaction=True)
def test_task_round_trip_through_a_real_worker():
    from celery.contrib.testing.worker import start_worker

    from apps.core.tasks import ping
    from mchch.celery import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            assert ping.delay("สวัสดี").get(timeout=20) == "สวัสดี"
    finally:
        app.conf.task_always_eager = True
