"""Every page by thumb (issue 22 item 4): at 390 px (and again at 768 px) no page scrolls sideways, nothing
scrolls sideways outside a named, focusable region, no tap target is under 24 px, and axe-core finds nothing
serious or critical (at 390 px).

The pages are the permission matrix's (tests/test_permission_matrix.py), on its dataset and subjects
(tests/matrix/): each URL pattern is visited once, as the first persona of PREFERENCE whose cell is 200, and the
home page once for every persona that has one (each role sees its own dashboard). A pattern added to the
matrix is audited here with no change to this file. Answers that are not HTML (files, feeds, images) are passed
over. The audit itself: tests/browser/layout_audit.py."""

import os
import time

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import Error as PlaywrightError

from tests.matrix.dataset import PERSONAS, build
from tests.matrix.probe import client_for
from tests.matrix.subjects import configure_line, subject_kwargs
from tests.test_permission_matrix import MATRIX, url_of

from .layout_audit import GOOD, MIN, PHONE, audit

P = tuple(PERSONAS)
# Who visits a page that several personas may open: the public first as the public sees it, then the people who
# work on the pages most (a district officer on the phone in the field), then the readers.
PREFERENCE = ("anon", "d6501", "prov", "zone", "chair", "subc", "natl", "admin", "d6502", "zone2", "strgr")
EVERY_PERSONA = ("workspace:home",)


def visits():
    """{persona: [pattern name, …]} — every pattern with a 200 cell, once, plus EVERY_PERSONA for all."""
    out = {p: [] for p in PREFERENCE}
    for name, row in sorted(MATRIX.items()):
        cells = dict(zip(P, row, strict=True))
        allowed = [p for p in PREFERENCE if cells[p] == 200]
        if not allowed:
            continue
        for p in allowed if name in EVERY_PERSONA else allowed[:1]:
            out[p].append(name)
    return {p: names for p, names in out.items() if names}


def test_every_page_with_a_200_is_visited():
    planned = {name for names in visits().values() for name in names}
    assert planned == {name for name, row in MATRIX.items() if 200 in row}
    assert all(len(names) >= 1 for names in visits().values())


@pytest.fixture
def dataset(transactional_db, settings):
    settings.DEBUG = True
    configure_line(settings)
    return build()


def _session_cookie(user, base):
    client = client_for(user)
    value = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    return {"name": django_settings.SESSION_COOKIE_NAME, "value": value, "url": base}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_fits_a_phone_and_a_thumb(live_server, browser, dataset):
    ds = dataset
    ds.kwargs = subject_kwargs(ds)
    problems, seen, skipped = [], 0, []
    totals = {"targets": 0, "under24": 0, "under44": 0, "axe": 0}
    started = time.monotonic()
    for persona, names in visits().items():
        context = browser.new_context(**PHONE)
        if ds.users[persona] is not None:
            context.add_cookies([_session_cookie(ds.users[persona], live_server.url)])
        page = context.new_page()
        page.set_default_timeout(30_000)
        for name in names:
            url = url_of(ds, name)
            try:
                r = audit(page, live_server.url + url)
            except PlaywrightError as exc:
                if "Download is starting" not in str(exc):
                    raise
                r = None
            if r is None:
                skipped.append(name)
                continue
            seen += 1
            key = f"{name} {url} as {persona}"
            totals["targets"] += r["targets"]
            totals["under24"] += len(r["small"])
            totals["under44"] += r["under44"]
            totals["axe"] += len(r["axe"])
            if r["status"] != 200 or "/accounts/login" in page.url:
                problems.append(f"{key}: status {r['status']} at {page.url}")  # the session cookie must hold
            if r["overflow"] > 0:
                problems.append(f"{key}: {r['overflow']} px wider than the phone {r['wide']}")
            if r["small"]:
                problems.append(f"{key}: targets under {MIN} px: {r['small'][:6]}")
            if r["scrollers"]:
                problems.append(f"{key}: scrolls sideways outside a named region: {r['scrollers'][:4]}")
            for line in r["axe"]:
                problems.append(f"{key}: axe {line}")
            t = r["tablet"]
            if t["overflow"] > 0 or t["small"] or t["scrollers"]:
                problems.append(
                    f"{key} at 768 px: overflow {t['overflow']} px {t['wide']}, targets under {MIN} px "
                    f"{t['small'][:6]}, unnamed scrolling {t['scrollers'][:4]}"
                )
        context.close()
    elapsed = time.monotonic() - started
    print(
        f"\n{seen} pages at 390 px in {elapsed:.0f} s; {totals['targets']} targets, {totals['under24']} under "
        f"{MIN} px, {totals['under44']} under {GOOD} px (not checked), {totals['axe']} serious axe findings; "
        f"not HTML: {skipped}"
    )
    if os.environ.get("LAYOUT_REPORT"):
        print("\n".join(problems))
    assert seen > 50, "the matrix's pages were not reached"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
