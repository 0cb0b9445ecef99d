import datetime as dt

import pytest

from apps.registry.enums import DeadlineKind

# Guideline 2.7.1: the district sends the applicant list to the province by 20 November
# ("ส่งจังหวัดภายในวันที่ 20 พฤศจิกายน"); FY 2570 → 20 Nov 2569 B.E. = 2026-11-20.
DUE = dt.date(2026, 11, 20)
SEVEN_BEFORE = DUE - dt.timedelta(days=7)


@pytest.fixture
def deadline(year):
    d = year.deadlines.get(kind=DeadlineKind.APPLICANT_LIST)
    assert d.due_on == DUE
    return d


@pytest.fixture
def submit():
    def _submit(year, district_code, kind=DeadlineKind.APPLICANT_LIST, state="submitted", reason=""):
        from apps.reporting.models import Submission

        sub, _ = Submission.objects.update_or_create(
            year=year,
            district_id=district_code,
            kind=kind,
            defaults={"state": state, "return_reason": reason},
        )
        return sub

    return _submit


@pytest.fixture
def run_daily(django_capture_on_commit_callbacks):
    """The beat task's body with its after-commit sends executed (tests run inside a transaction)."""
    from apps.notifications import services

    def _run(today):
        with django_capture_on_commit_callbacks(execute=True):
            return services.run_daily(today)

    return _run


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def _ctx():
        return django_capture_on_commit_callbacks(execute=True)

    return _ctx


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Personas hash a password each; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


LINE_TOKEN = "test-channel-token"
LINE_SECRET = "test-channel-secret"


@pytest.fixture
def line_api(settings):
    """LINE configured and pointed at a fake Messaging API server on loopback."""
    from .fake_line import FakeLine

    fake = FakeLine(LINE_TOKEN).start()
    settings.LINE_CHANNEL_TOKEN = LINE_TOKEN
    settings.LINE_CHANNEL_SECRET = LINE_SECRET
    settings.LINE_API_BASE = fake.base
    settings.LINE_ADD_FRIEND_URL = "https://line.me/R/ti/p/@mchch-test"
    settings.LINE_TIMEOUT = 5
    yield fake
    fake.stop()


@pytest.fixture
def no_line(settings):
    settings.LINE_CHANNEL_TOKEN = ""
    settings.LINE_CHANNEL_SECRET = ""
