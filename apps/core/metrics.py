"""Prometheus metrics (DESIGN §8 Operations): request latency by view name, task durations and failures by task
name, the queue length. Served at /metrics to a scraper that sends `Authorization: Bearer <METRICS_TOKEN>` or to
a signed-in system admin; 404 to anyone else.

Per process by default: each gunicorn worker and each Celery worker process counts its own. With
PROMETHEUS_MULTIPROC_DIR set (an empty folder, the same for gunicorn and the Celery worker on one machine,
cleared at start) every process writes there and /metrics adds them up (docs/operations.md)."""

import hmac
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import Resolver404, resolve
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

REQUEST_LATENCY = Histogram(
    "mchch_http_request_duration_seconds",
    "Time to answer a request, by the name of the view that answered (no raw paths: bounded labels).",
    ["view", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
TASK_DURATION = Histogram(
    "mchch_task_duration_seconds",
    "Run time of a Celery task, by task name and final state.",
    ["task", "state"],
    buckets=(0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300),
)
TASK_FAILURES = Counter("mchch_task_failures", "Celery tasks that finally failed, by task name.", ["task"])

_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def observe_task(name, seconds, state):
    TASK_DURATION.labels(task=name, state=state or "UNKNOWN").observe(seconds)


def count_task_failure(name):
    TASK_FAILURES.labels(task=name).inc()


def _view_name(request):
    match = getattr(request, "resolver_match", None)
    if match is None:  # answered before URL resolution (the public page cache, a redirect)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return "<unmatched>"
    return match.view_name or match._func_path


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        t0 = time.perf_counter()
        response = self.get_response(request)
        method = request.method if request.method in _METHODS else "other"
        REQUEST_LATENCY.labels(
            view=_view_name(request), method=method, status=f"{response.status_code // 100}xx"
        ).observe(time.perf_counter() - t0)
        return response


class QueueCollector:
    """The queue length, read from the broker when scraped."""

    def collect(self):
        from .broker import queue_length

        gauge = GaugeMetricFamily(
            "mchch_celery_queue_length", "Messages waiting in the default Celery queue.", labels=["queue"]
        )
        q = queue_length()
        if q.get("length") is not None:
            gauge.add_metric([q["queue"]], q["length"])
        yield gauge


_queue_registry = CollectorRegistry(auto_describe=False)
_queue_registry.register(QueueCollector())


def exposition():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_queue_registry)


def _token_ok(request):
    token = getattr(settings, "METRICS_TOKEN", "")
    given = request.headers.get("Authorization", "")
    return (
        bool(token)
        and given.startswith("Bearer ")
        and hmac.compare_digest(given[7:].encode(), token.encode())
    )


@never_cache
def metrics_view(request):
    if not (_token_ok(request) or request.user.has_perm("core.view_status")):
        raise Http404
    if request.method not in ("GET", "HEAD"):
        raise PermissionDenied
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
