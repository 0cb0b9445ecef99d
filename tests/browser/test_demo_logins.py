"""Each demo account logs in through the real login form in Chromium and lands on its own Thai page."""

from pathlib import Path

import pytest
from django.core.management import call_command

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ACCOUNTS = ["province", "district6501", "zone1", "chair", "national", "admin"]


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = True
    call_command("seed_demo")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_demo_accounts_land_on_their_page(live_server, page, demo):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 390, "height": 844})
    for name in ACCOUNTS:
        page.context.clear_cookies()
        page.goto(live_server.url + "/accounts/login/")
        page.fill("input[name=login]", f"{name}@example.org")
        page.fill("input[name=password]", "mchch-demo-2570")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/app/")
        assert "สวัสดี" in page.inner_text("h1")
        # on a phone the side menu starts folded so the page's content comes first; one tap opens it
        assert page.locator(".sidenav-body").is_hidden()
        assert page.get_attribute(".sidenav-toggle", "aria-expanded") == "false"
        page.screenshot(path=str(ARTIFACTS / f"landing-{name}.png"), full_page=True)
    page.goto(live_server.url + "/app/years/")
    assert "2570" in page.inner_text("main")
