"""Celery signal handlers of the operations features, connected once from CoreConfig.ready():

- the request id travels with a task: `before_task_publish` puts the caller's id in the message headers,
  `task_prerun` binds it for the task's log lines, `task_postrun` unbinds it;
- task durations and failures by task name go to the Prometheus metrics (apps.core.metrics);
- a task that finally fails leaves a TaskFailure row for the status page (one small insert, old rows pruned).
"""

import datetime as dt
import logging
import time

from celery.signals import before_task_publish, task_failure, task_postrun, task_prerun
from django.utils import timezone

from . import metrics
from .logs import clean_request_id, request_id

log = logging.getLogger(__name__)

HEADER = "request_id"
_running = {}  # task id -> (contextvar token, start time), for the process running the task


def add_request_id(sender=None, headers=None, **kwargs):
    """before_task_publish: the id of the request (or task) that queues this one goes along in its headers."""
    rid = request_id.get()
    if rid and headers is not None and not headers.get(HEADER):
        headers[HEADER] = rid


def _header(task):
    req = getattr(task, "request", None)
    if req is None:
        return None
    value = getattr(req, HEADER, None) or (getattr(req, "headers", None) or {}).get(HEADER)
    return clean_request_id(value)


def bind_request_id(sender=None, task_id=None, task=None, **kwargs):
    """task_prerun: on a worker the id comes from the message; run eagerly, the caller's id simply stays."""
    task = task or sender
    rid = _header(task) or request_id.get()
    _running[task_id] = (request_id.set(rid), time.monotonic())


def unbind_request_id(sender=None, task_id=None, task=None, state=None, **kwargs):
    """task_postrun: observe the duration and give the process its previous request id back."""
    token, started = _running.pop(task_id, (None, None))
    name = getattr(task or sender, "name", "?")
    if started is not None:
        metrics.observe_task(name, time.monotonic() - started, state or "")
    if token is not None:
        try:
            request_id.reset(token)
        except ValueError:  # set in another context (a thread pool): clear instead
            request_id.set(None)


def record_failure(sender=None, task_id=None, exception=None, **kwargs):
    """task_failure (after the retries): a metric and a TaskFailure row; never raises into the worker."""
    from .models import TaskFailure

    name = getattr(sender, "name", str(sender))[:200]
    metrics.count_task_failure(name)
    try:
        TaskFailure.objects.create(
            task_name=name,
            task_id=str(task_id or "")[:64],
            exception=type(exception).__name__[:200] if exception is not None else "",
            message=str(exception or "")[:1000],
            request_id=request_id.get() or "",
        )
        cutoff = timezone.now() - dt.timedelta(days=TaskFailure.RETENTION_DAYS)
        TaskFailure.objects.filter(at__lt=cutoff).delete()
    except Exception:
        log.exception("could not record the failure of task %s", task_id)


def connect():
    before_task_publish.connect(add_request_id, dispatch_uid="mchch-request-id-publish")
    task_prerun.connect(bind_request_id, dispatch_uid="mchch-request-id-prerun")
    task_postrun.connect(unbind_request_id, dispatch_uid="mchch-request-id-postrun")
    task_failure.connect(record_failure, dispatch_uid="mchch-task-failure-record")
