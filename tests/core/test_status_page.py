"""Issue 25 item 4: the system admin's status page at /app/status/."""

import datetime as dt
import os

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.enums import Role
from apps.core import status, status_checks
from apps.core.models import TaskFailure
from tests.factories import with_role

URL = "/app/status/"


@pytest.fixture
def sysadmin(db):
    return with_role(Role.ADMIN)


def _items(response):
    return {i.key: i for i in response.context["items"]}


@pytest.mark.django_db
def test_only_system_admins_see_it(client, as_user, sysadmin, admin_user, staff, officer):
    assert reverse("core:status") == URL
    r = client.get(URL)
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    for user in (staff, officer):
        assert as_user(user).get(URL).status_code == 403
    for user in (sysadmin, admin_user):
        assert as_user(user).get(URL).status_code == 200


@pytest.mark.django_db
def test_the_menu_shows_it_to_admins_only(as_user, sysadmin, staff):
    assert 'href="/app/status/"' in as_user(sysadmin).get("/app/").content.decode()
    assert 'href="/app/status/"' not in as_user(staff).get("/app/").content.decode()


@pytest.mark.django_db
def test_it_shows_a_recorded_task_failure_and_the_embedded_mode(as_user, sysadmin):
    from celery import shared_task

    @shared_task(name="tests.status.explode")
    def explode():
        raise ValueError("ไฟล์ต้นฉบับหาย")

    # run in-process without propagating, as a worker runs it: the task_failure signal records the failure
    assert explode.apply(throw=False).failed()
    TaskFailure.objects.create(task_name="old.task", exception="X", at=timezone.now() - dt.timedelta(days=2))
    r = as_user(sysadmin).get(URL)
    items = _items(r)
    assert items["failed_tasks"].data["count"] == 1 and items["failed_tasks"].state == status.BAD
    body = r.content.decode()
    assert "tests.status.explode: ValueError ไฟล์ต้นฉบับหาย" in body
    assert "งานเบื้องหลังที่ล้มเหลวใน 24 ชั่วโมง" in body
    assert "ไม่มี worker แยก" in body  # eager in tests: said so
    assert str(timezone.localdate().year + 543) in body  # B.E. dates
    assert "ยังไม่มีการสำรองข้อมูล" in body
    assert items["storage"].data["free"] > 0 and "ว่าง" in items["storage"].value


@pytest.mark.django_db
def test_it_shows_deliveries_pending_and_failed(as_user, sysadmin, staff):
    from apps.notifications.enums import DeliveryStatus
    from apps.notifications.models import Delivery

    common = dict(
        source="t", rule_key="r", due_on=timezone.localdate(), recipient=staff, kind="general", body="-"
    )
    Delivery.objects.create(subject_key="a", title="a", status=DeliveryStatus.FAILED, **common)
    Delivery.objects.create(subject_key="b", title="b", status=DeliveryStatus.FAILED, **common)
    Delivery.objects.create(subject_key="c", title="c", status=DeliveryStatus.PENDING, **common)
    Delivery.objects.create(subject_key="d", title="d", status=DeliveryStatus.SENT, **common)
    items = _items(as_user(sysadmin).get(URL))
    assert items["deliveries_failed"].data["count"] == 2 and items["deliveries_failed"].state == status.BAD
    assert items["deliveries_pending"].data["count"] == 1
    assert items["deliveries_failed"].url.endswith("?status=failed")


@pytest.mark.django_db
def test_the_last_backup_is_shown_with_its_size(as_user, sysadmin, monkeypatch):
    finished = timezone.now() - dt.timedelta(hours=30)
    monkeypatch.setattr(
        "apps.core.backup.last_backup_status",
        lambda: {
            "finished_at": finished,
            "age_hours": 30.0,
            "size": 5 * 1024 * 1024,
            "name": "b.enc",
            "stale": True,
        },
    )
    r = as_user(sysadmin).get(URL)
    item = _items(r)["backup"]
    assert item.state == status.WARN and item.at == finished
    assert "5.0" in item.value and "b.enc" in item.detail


def test_queue_length_of_the_filesystem_broker(settings, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path)}
    for i in range(3):
        (tmp_path / f"{i}_abc.celery.msg").write_bytes(b"{}")
    (tmp_path / "9_abc.other.msg").write_bytes(b"{}")
    item = status_checks.queue()
    assert item.data["length"] == 3 and item.value == "3"


def test_a_check_that_raises_shows_as_failed(monkeypatch):
    def broken():
        raise RuntimeError("ตรวจไม่ได้")

    monkeypatch.setattr(status, "_CHECKS", [(1, broken)])
    [item] = status.collect()
    assert item.state == status.BAD and "ตรวจไม่ได้" in item.value


@pytest.mark.redis
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI runs it against Redis)")
def test_queue_length_and_worker_ping_on_redis(settings):
    import redis

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    key = "celery"
    client.delete(key)
    client.rpush(key, b"one", b"two")
    try:
        item = status_checks.queue()
        assert item.data["length"] == 2 and "LLEN" in item.detail
    finally:
        client.delete(key)
    item = status_checks.worker()  # nobody consumes db 7 here: no reply within the timeout
    assert item.state == status.BAD and item.data["workers"] == []
