"""Pages stand still on a phone (issue 25): cumulative layout shift under 0.1 after load and nothing wider than the
screen, at 390 px with mobile
emulation, on a slow network with a slow CPU, and with our scripts arriving only after the first paint (so
nothing a script changes in the layout could hide). Each page loads as on a first visit (no cache): the web
font arrives late too. Every page measured also has its headings in order and a name for every form field."""

import re

import pytest
from django.core.management import call_command

from apps.evaluation.models import RoundEntry
from apps.public.models import PublicProfile
from apps.public.selectors import unit_slug
from apps.registry.models import Unit

from .layout_shift import delay_scripts, log_in, measure, phone_context, throttle

PASSWORD = "mchch-demo-2570"
GOOD_CLS = 0.1


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = True
    call_command("seed_demo")


def _pages():
    """(persona e-mail or None, path) for every page measured; subjects taken from the demo data."""
    from apps.accounts.models import User

    unit = Unit.objects.filter(district__code="6501").order_by("pk").first()
    chair = User.objects.get(email="chair@example.org")
    entry = RoundEntry.objects.scorable_by(chair).order_by("pk").first()
    zone1 = User.objects.get(email="zone1@example.org")
    zone_entry = RoundEntry.objects.scorable_by(zone1).filter(decision="").order_by("pk").first()
    profile = (
        PublicProfile.objects.filter(status="published").select_related("unit").order_by("unit_id").first()
    )
    return [
        ("district6501@example.org", "/app/"),
        ("district6501@example.org", "/app/units/"),
        ("district6501@example.org", f"/app/units/{unit.pk}/edit/"),
        ("province@example.org", "/app/"),
        ("chair@example.org", f"/app/evaluation/score/{entry.pk}/"),
        ("zone1@example.org", f"/app/evaluation/score/{zone_entry.pk}/"),  # a leader: pass/fail selects
        (None, "/"),
        (None, "/units/"),
        (None, f"/units/{profile.unit_id}-{unit_slug(profile.unit.name)}/"),
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_do_not_move_after_first_paint_on_a_phone(live_server, browser, demo):
    results, problems = {}, []
    by_persona = {}
    for email, path in _pages():
        by_persona.setdefault(email, []).append(path)
    for email, paths in by_persona.items():
        context = phone_context(browser)
        page = context.new_page()
        page.set_default_timeout(30_000)
        if email:
            log_in(page, live_server.url, email, PASSWORD)
            assert "/accounts/login" not in page.url, email
        throttle(page)
        delay_scripts(page)
        for path in paths:
            r = measure(page, live_server.url + path)
            key = f"{email or 'anonymous'} {path}"
            results[key] = round(r["cls"], 3)
            assert r["status"] == 200, key
            if r["cls"] >= GOOD_CLS:
                problems.append(f"CLS {r['cls']:.3f} on {key}: {r['shifts']}")
            if r["skips"] or r["h1"] != 1:
                problems.append(f"headings on {key}: {r['h1']} h1, skipped levels {r['skips']}")
            if r["unlabelled"]:
                problems.append(f"fields without a label on {key}: {r['unlabelled']}")
            if r["overflow"] > 0:
                problems.append(f"{key} is {r['overflow']} px wider than the phone's screen")
        context.close()
    print("\nCLS at 390 px:", results)
    assert results and all(v >= 0 for v in results.values()), results  # the observer ran everywhere
    assert not problems, "\n".join(problems)
    # (the same demo data, seeded once for both checks)
    _side_menu_starts_folded_on_a_phone_and_opens_on_a_press(live_server, browser)


def _side_menu_starts_folded_on_a_phone_and_opens_on_a_press(live_server, browser):
    context = phone_context(browser)
    page = context.new_page()
    log_in(page, live_server.url, "district6501@example.org", PASSWORD)
    page.goto(live_server.url + "/app/units/")
    toggle = page.locator(".sidenav-toggle")
    assert page.locator(".sidenav-body").is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.tap()
    assert page.locator(".sidenav-body").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator(".sidenav a[aria-current]").first.is_visible()
    toggle.tap()
    assert page.locator(".sidenav-body").is_hidden()
    # a wide screen starts with the menu open, and the same button folds it
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/app/units/")
    assert page.locator(".sidenav-body").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    assert page.locator(".sidenav-body").is_hidden()
    assert re.search(r"\bclosed\b", page.get_attribute(".sidenav", "data-menu"))
    context.close()
