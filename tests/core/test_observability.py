"""Issue 25 item 4: JSON logs with a request id that reaches the tasks, Prometheus metrics, optional Sentry."""

import io
import json
import logging
import os

import pytest
from celery import shared_task
from celery.app.task import Context

from apps.core import logs, taskhooks

log = logging.getLogger("tests.observability")


@shared_task(name="tests.observability.where_am_i")
def where_am_i():
    log.info("inside the task")
    return logs.request_id.get()


@pytest.fixture
def json_lines():
    """What the root logger writes with the production handler (JSON formatter + request id filter)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.RequestIdFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


@pytest.mark.django_db
def test_request_id_round_trip_and_json_log_lines(client, json_lines):
    r = client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-abc.123")
    assert r.status_code == 404 and r["X-Request-ID"] == "req-abc.123"
    lines = json_lines()
    not_found = [x for x in lines if x["logger"] == "django.request"]
    assert not_found and all(x["request_id"] == "req-abc.123" for x in not_found)
    assert {"time", "level", "logger", "message"} <= set(not_found[0])
    assert not_found[0]["status_code"] == 404  # extras travel as fields


@pytest.mark.django_db
def test_an_unsafe_or_missing_request_id_is_replaced(client):
    made = client.get("/healthz/")["X-Request-ID"]
    assert len(made) == 32 and made.isalnum()
    for bad in ("a b", "x" * 65, "<script>", "id\r\nSet-Cookie: x=1"):
        got = client.get("/healthz/", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert got != bad and len(got) == 32
    assert logs.request_id.get() is None  # nothing leaks out of the request


def test_an_exception_and_extras_in_a_json_line():
    formatter = logs.JsonFormatter()
    try:
        raise ValueError("พัง")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "ผิด %s", ("ครั้งเดียว",), sys.exc_info())
    record.task_id = "t-1"
    with logs.bound_request_id("rid-1"):
        logs.RequestIdFilter().filter(record)
    data = json.loads(formatter.format(record))
    assert data["message"] == "ผิด ครั้งเดียว" and data["request_id"] == "rid-1" and data["task_id"] == "t-1"
    assert "ValueError: พัง" in data["exc_info"]


def test_the_logging_setting_uses_json_when_asked():
    from logging.config import dictConfig

    config = logs.logging_config("json", "INFO")
    assert config["handlers"]["console"]["formatter"] == "json"
    assert logs.logging_config("text", "INFO")["handlers"]["console"]["formatter"] == "text"
    dictConfig(logs.logging_config("text", "INFO"))  # a valid configuration; back to what tests use


def test_signal_handlers_carry_the_request_id_through_the_message_headers():
    """before_task_publish writes the header; on the worker task.request has it, task_prerun binds it, task_postrun
    gives the worker its previous (empty) id back."""
    headers = {"task": "x"}
    with logs.bound_request_id("from-the-web"):
        taskhooks.add_request_id(headers=headers)
    assert headers["request_id"] == "from-the-web"
    assert logs.request_id.get() is None

    class FakeTask:
        name = "tests.fake"
        request = Context({"id": "t-1", **headers})  # a worker builds the request from the message headers

    taskhooks.bind_request_id(task_id="t-1", task=FakeTask)
    assert logs.request_id.get() == "from-the-web"
    taskhooks.unbind_request_id(task_id="t-1", task=FakeTask, state="SUCCESS")
    assert logs.request_id.get() is None

    # an id set by the caller (apply_async(headers=...)) is found under request.headers as well
    FakeTask.request = Context({"id": "t-2", "headers": {"request_id": "given"}})
    taskhooks.bind_request_id(task_id="t-2", task=FakeTask)
    assert logs.request_id.get() == "given"
    taskhooks.unbind_request_id(task_id="t-2", task=FakeTask)
    # a header that is not safe is ignored
    FakeTask.request = Context({"id": "t-3", "request_id": "bad id\n"})
    taskhooks.bind_request_id(task_id="t-3", task=FakeTask)
    assert logs.request_id.get() is None
    taskhooks.unbind_request_id(task_id="t-3", task=FakeTask)


def test_an_eager_task_logs_with_the_request_id(json_lines):
    with logs.bound_request_id("web-42"):
        assert where_am_i.delay().get() == "web-42"
        assert where_am_i.apply_async(headers={"request_id": "hdr-7"}).get() == "hdr-7"
        assert logs.request_id.get() == "web-42"
    inside = [x for x in json_lines() if x["message"] == "inside the task"]
    assert [x["request_id"] for x in inside] == ["web-42", "hdr-7"]


@pytest.mark.redis
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI runs it against Redis)")
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_gets_the_request_id_and_records_a_failure():
    from celery.contrib.testing.worker import start_worker

    from apps.core.models import TaskFailure
    from mchch.celery import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            with logs.bound_request_id("through-redis"):
                result = where_am_i.delay()
            assert result.get(timeout=20) == "through-redis"  # the worker thread has its own context
            with logs.bound_request_id("failing-one"):
                failing = explode.delay()
            with pytest.raises(ValueError):
                failing.get(timeout=20)
    finally:
        app.conf.task_always_eager = True
    failure = TaskFailure.objects.get(task_name="tests.observability.explode")
    assert failure.request_id == "failing-one" and failure.exception == "ValueError"


@shared_task(name="tests.observability.explode")
def explode():
    raise ValueError("ตั้งใจให้ล้มเหลว")
