"""Issue 25 item 4: /metrics for a scraper with METRICS_TOKEN or a system admin, 404 to everyone else; Sentry
only with SENTRY_DSN."""

import pytest

from apps.accounts.enums import Role
from tests.factories import with_role

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN


@pytest.mark.django_db
def test_metrics_are_refused_without_the_token(client, as_user, token, staff):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=TOKEN).status_code == 404  # not a bearer token
    assert as_user(staff).get("/metrics").status_code == 404


@pytest.mark.django_db
def test_no_token_configured_means_no_access_by_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.django_db
def test_metrics_with_the_token_show_the_latency_histogram_by_view_name(client, token):
    client.get("/healthz/")
    client.get("/units/")
    r = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/plain")
    body = r.content.decode()
    assert (
        'mchch_http_request_duration_seconds_bucket{le="0.1",method="GET",status="2xx",view="healthz"}'
        in body
    )
    assert 'method="GET",status="2xx",view="public:directory"' in body
    assert "/units/" not in body  # view names, never raw paths
    assert 'mchch_celery_queue_length{queue="celery"} 0.0' in body  # eager in tests: nothing waits


@pytest.mark.django_db
def test_task_durations_and_failures_by_task_name(client, token):
    from celery import shared_task

    @shared_task(name="tests.metrics.fails")
    def fails():
        raise RuntimeError("x")

    fails.apply(throw=False)
    body = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert 'mchch_task_failures_total{task="tests.metrics.fails"}' in body
    assert 'mchch_task_duration_seconds_count{state="FAILURE",task="tests.metrics.fails"}' in body


@pytest.mark.django_db
def test_a_system_admin_may_read_them_in_the_browser(as_user, settings):
    settings.METRICS_TOKEN = ""
    assert as_user(with_role(Role.ADMIN)).get("/metrics").status_code == 200


def test_sentry_is_not_initialised_without_a_dsn(monkeypatch):
    import sentry_sdk

    from mchch.sentry import init_sentry

    assert not sentry_sdk.get_client().is_active()  # the settings of this run have no SENTRY_DSN
    called = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **kw: called.append(kw))
    assert init_sentry("", environment="test") is False and not called


def test_sentry_with_a_dsn_uses_django_and_celery_and_sends_no_personal_data(monkeypatch):
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    from mchch.sentry import init_sentry

    called = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **kw: called.append(kw))
    assert init_sentry("https://key@sentry.example.org/1", environment="staging", release="1.2.3") is True
    [kw] = called
    assert kw["send_default_pii"] is False and kw["environment"] == "staging" and kw["release"] == "1.2.3"
    assert {type(i) for i in kw["integrations"]} == {DjangoIntegration, CeleryIntegration}
