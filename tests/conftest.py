"""Personas and the suite-wide checks.

Personas (healthchecks style): for work in district 6501 of Phitsanulok (65)
- `officer`   district officer of 6501 — the role that acts on district work;
- `staff`     provincial staff of 65 — acts on province work, reads every district;
- `national`  national viewer — may only read;
- `neighbour` district officer of 6502 — same province, another district (404 on 6501's objects);
- `stranger`  provincial staff of Chiang Mai (50) — another province (404 everywhere in 65).
"""

import os
import shutil

import pytest
from django.urls import get_resolver

from tests.factories import Role, district, province, with_role
from tests.objectstore import moto_s3  # noqa: F401 — a session-wide S3 server for the storage tests

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Unit tests run tasks in-process; the real-worker test starts its own worker."""
    from mchch.celery import app

    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.MFA_REQUIRED = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    yield
    app.conf.task_always_eager = old


@pytest.fixture(autouse=True)
def _geography(request):
    """Geography (and the kinds of honour) come from data migrations; a transactional test's flush removes them,
    so reload them then."""
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    if marker is None and "db" not in names and "transactional_db" not in names:
        return
    transactional = (
        "transactional_db" in names
        or "live_server" in names
        or (marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from apps.geo.loader import load_geography
    from apps.geo.models import District, Province, Subdistrict

    if not Province.objects.exists():
        load_geography(Province, District, Subdistrict)
    _honour_kinds()


def _honour_kinds():
    """The kinds of honour also come from a data migration (certification 0004): put back after a flush."""
    from apps.certification.kinds import ensure_defaults
    from apps.certification.models import HonourKind

    if not HonourKind.objects.exists():
        ensure_defaults()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def officer(db):
    return with_role(Role.DISTRICT_OFFICER, district=district("6501"))


@pytest.fixture
def neighbour(db):
    return with_role(Role.DISTRICT_OFFICER, district=district("6502"))


@pytest.fixture
def staff(db):
    return with_role(Role.PROVINCE_STAFF, province=province("65"))


@pytest.fixture
def national(db):
    return with_role(Role.NATIONAL_VIEWER)


@pytest.fixture
def stranger(db):
    return with_role(Role.PROVINCE_STAFF, province=province("50"))


@pytest.fixture
def admin_user(db):
    from tests.factories import UserFactory

    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def year(db, staff):
    from tests.factories import programme_year

    return programme_year(by=staff)


def login(client, user):
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return client


@pytest.fixture
def as_user(client):
    def _as(user):
        client.logout()
        return login(client, user)

    return _as


# --- suite-wide checks ---------------------------------------------------------------------------

_requested_routes = set()
_IGNORED_PREFIXES = ("admin:", "account_", "mfa_", "set_language", "javascript-catalog", "django.")


def _record(sender, environ, **kwargs):
    from django.urls import Resolver404, resolve

    try:
        match = resolve(environ.get("PATH_INFO", ""))
    except Resolver404:
        return
    _requested_routes.add(match.view_name)


def pytest_configure(config):
    from django.core.signals import request_started

    request_started.connect(_record, dispatch_uid="url-coverage")


def _all_route_names():
    names = set()

    def walk(patterns, ns=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif p.name:
                names.add(f"{ns}{p.name}")

    walk(get_resolver().url_patterns)
    return {n for n in names if not n.startswith(_IGNORED_PREFIXES) and ":" in n or n == "healthz"}


def _whole_suite(config):
    return (
        not config.option.keyword
        and not config.option.markexpr
        and not getattr(config.option, "lf", False)
        and (config.args in ([], ["tests"]) or [os.path.normpath(a) for a in config.args] == ["tests"])
    )


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    passed = len(reporter.stats.get("passed", [])) if reporter else 0
    if exitstatus == 0 and passed == 0:
        print("\nNo test passed: a run that only skipped is not green.")
        session.exitstatus = 1
        return
    if exitstatus == 0 and _whole_suite(session.config) and not hasattr(session.config, "workerinput"):
        missing = sorted(_all_route_names() - _requested_routes)
        if missing:
            print("\nURL patterns never requested by any test:\n  " + "\n  ".join(missing))
            session.exitstatus = 1


# --- browser ---------------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("Debian chromium is required (apt-get install chromium)")
        pytest.skip("no system chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def queued_download(django_capture_on_commit_callbacks):
    """`get(client, url)`: a download that is built by the worker (issue 23 item 4): the page answers with a
    redirect to the progress page, the (eager) worker builds it, and the file's bytes are returned."""

    def get(client, url, method="get"):
        with django_capture_on_commit_callbacks(execute=True):
            r = getattr(client, method)(url)
        assert r.status_code == 302 and "/app/files/" in r.url, (r.status_code, r.get("Location"))
        page = client.get(r.url)
        assert page.status_code == 200
        d = client.get(r.url + "download/")
        assert d.status_code == 200, page.content.decode()[:2000]
        return b"".join(d.streaming_content)

    return get
