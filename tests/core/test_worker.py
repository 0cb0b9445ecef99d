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


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (CI runs it against the machine's Redis)")
@pytest.mark.django_db(transaction=True)
def test_a_generated_file_is_built_by_a_real_worker():
    """The unit list's xlsx asked for in a request's transaction reaches the worker once it commits, and the row
    says "done" with a complete workbook behind it (apps.core.generated → apps.core.tasks)."""
    import io
    import time

    from celery.contrib.testing.worker import start_worker
    from django.db import transaction
    from openpyxl import load_workbook

    from apps.accounts.enums import Role
    from apps.core.generated import XLSX, request_file
    from apps.core.models import GeneratedFile
    from apps.registry.builders import UNITS_KIND
    from mchch.celery import app
    from tests.factories import UnitFactory, district, with_role

    officer = with_role(Role.DISTRICT_OFFICER, district=district("6501"))
    UnitFactory(name="กลุ่มออมทรัพย์บ้านวังส้มซ่า")
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            with transaction.atomic():
                gf = request_file(None, kind=UNITS_KIND, by=officer, title="ส่งออก", params={"filters": {}})
            for _ in range(100):
                gf.refresh_from_db()
                if gf.status in (GeneratedFile.Status.DONE, GeneratedFile.Status.FAILED):
                    break
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = True
    assert gf.status == GeneratedFile.Status.DONE, gf.error
    assert gf.content_type_name == XLSX and gf.progress == 100
    ws = load_workbook(io.BytesIO(gf.file.read())).active
    assert "กลุ่มออมทรัพย์บ้านวังส้มซ่า" in [c.value for c in ws["C"]]
