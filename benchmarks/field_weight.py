#!/usr/bin/env python
"""Page weight of the field app (issue 22 item 5): the bytes a phone downloads for the district officer's "today"
screen on the first visit, and on a repeat visit with the service worker installed.

Starts gunicorn (DEBUG off: WhiteNoise serves the compressed, hashed static files as in production) on the
loopback against DATABASE_URL (PostgreSQL with `seed_demo` data), logs in as district6501@example.org in Debian's
Chromium through Playwright, and reads Playwright's network log: the transferred size of each response (headers +
encoded body, `Request.sizes()`), and whether it came from the service worker. Writes the table to
benchmarks/results/field_weight_<date>.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mchch_demo .venv/bin/python benchmarks/field_weight.py

Options: --port P (default 8024), --as EMAIL, --password PW, --out FILE.
"""

import argparse
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
BUDGET = 300 * 1024  # issue 22 item 5: first load ≤ 300 KB transferred
FIELD = "/app/field/"


def _rows(responses):
    rows = []
    for r in responses:
        try:
            sizes = r.request.sizes()
        except Exception:  # a response whose body was never read (a redirect, an aborted fetch)
            sizes = {"responseHeadersSize": 0, "responseBodySize": 0}
        from_sw = r.from_service_worker
        by_sw_itself = r.request.service_worker is not None
        transferred = (
            0 if from_sw else max(0, sizes["responseHeadersSize"]) + max(0, sizes["responseBodySize"])
        )
        rows.append(
            {
                "url": r.url.split("://", 1)[1].split("/", 1)[1],
                "type": r.request.resource_type,
                "status": r.status,
                "bytes": transferred,
                "source": "service worker"
                if from_sw
                else ("network (worker)" if by_sw_itself else "network"),
            }
        )
    return rows


def _table(rows):
    lines = ["| resource | type | status | source | transferred |", "|---|---|---|---|---:|"]
    for r in rows:
        lines.append(
            f"| `/{r['url'][:70]}` | {r['type']} | {r['status']} | {r['source']} | {r['bytes']:,} B |"
        )
    return "\n".join(lines)


def measure(base, email, password):
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.goto(base + "/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        # The login page's own files are in the HTTP cache now: start the field screen from an empty cache, as a
        # phone that opens the installed app's link for the first time (the session cookie is kept).
        cdp = context.new_cdp_session(page)
        cdp.send("Network.clearBrowserCache")

        # Every response of the context (the pages' and their service worker's) goes to the list of the step.
        current = [[]]
        context.on("response", lambda r: current[0].append(r))
        first = current[0]
        page.goto(base + FIELD, wait_until="networkidle")
        page.wait_for_function("() => navigator.serviceWorker.ready.then(() => true)")
        page.wait_for_function("() => caches.match('/app/field/').then(r => !!r)")
        page.wait_for_timeout(500)
        first_rows = _rows(first)

        repeat = current[0] = []
        page2 = context.new_page()
        page2.goto(base + FIELD, wait_until="networkidle")
        page2.wait_for_timeout(300)
        repeat_rows = _rows(repeat)

        context.set_offline(True)
        offline = current[0] = []
        page3 = context.new_page()
        page3.goto(base + FIELD, wait_until="load")
        offline_ok = "งานภาคสนาม" in page3.inner_text("header")
        offline_rows = _rows(offline)
        browser.close()
    return first_rows, repeat_rows, offline_rows, offline_ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8024)
    ap.add_argument("--as", dest="email", default="district6501@example.org")
    ap.add_argument("--password", default="mchch-demo-2570")
    ap.add_argument(
        "--out", default=str(ROOT / "benchmarks" / "results" / f"field_weight_{dt.date.today()}.md")
    )
    args = ap.parse_args()
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("DATABASE_URL must point at PostgreSQL with seed_demo data")
    base = f"http://localhost:{args.port}"
    # SECRET_KEY is the environment's (the one the data was seeded under: the sealed fields open with its key).
    os.environ.update(
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SITE_URL=base,
        LOG_LEVEL="WARNING",
        MFA_REQUIRED="0",
    )
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    server = subprocess.Popen(
        [GUNICORN, "mchch.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{args.port}"]
        + ["--access-logfile", "/dev/null", "--error-logfile", "/tmp/field_weight_gunicorn.log"],
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2).read()
                break
            except Exception:
                time.sleep(0.2)
        first, repeat, offline, offline_ok = measure(base, args.email, args.password)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)

    def total(rows, source=None):
        return sum(r["bytes"] for r in rows if source is None or r["source"] == source)

    first_total = total(first)
    first_page = total(first, "network")
    repeat_net = total(repeat)
    from_sw = sum(1 for r in repeat if r["source"] == "service worker")
    verdict = "within" if first_total <= BUDGET else "OVER"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    report = f"""# Field app page weight (issue 22 item 5), {dt.date.today()}

`benchmarks/field_weight.py` at {commit.stdout.strip()}: gunicorn (DEBUG off, WhiteNoise compressed and hashed
static files), `seed_demo` data, Debian Chromium through Playwright at 390 × 844 (mobile), logged in as
{args.email}. Bytes are Playwright's `Request.sizes()` (response headers + encoded body) of every response the
page and its service worker got; a response the service worker answered from its cache counts 0 bytes.

| load | requests | over the network | from the service worker | transferred |
|---|---:|---:|---:|---:|
| first visit (empty cache) | {len(first)} | {sum(1 for r in first if r["source"] != "service worker")} | {sum(1 for r in first if r["source"] == "service worker")} | **{first_total:,} B ({first_total / 1024:.1f} KB)** |
| — of which the page's own requests | | | | {first_page:,} B |
| — of which the worker's install (shell + page copy) | | | | {total(first, "network (worker)"):,} B |
| repeat visit (worker installed) | {len(repeat)} | {sum(1 for r in repeat if r["source"] != "service worker")} | {from_sw} | **{repeat_net:,} B ({repeat_net / 1024:.1f} KB)** |
| offline visit | {len(offline)} | 0 | {sum(1 for r in offline if r["source"] == "service worker")} | {total(offline):,} B, page shown: {"yes" if offline_ok else "NO"} |

Budget: first load ≤ 300 KB transferred → **{verdict}** ({first_total / BUDGET:.0%} of the budget).
The field screen has no htmx and no images but the 2 KB SVG logo; the Sarabun fonts are the subset woff2 files
(Thai + Latin-1, ~20 KB each) and only the regular weight is preloaded. On a repeat visit the shell comes from the
worker's cache and only the page itself (the day's data) is fetched, network first, so the list is current when
there is signal and the kept copy is shown when there is none. The worker's install fetches are mostly answered
by the browser's HTTP cache (hashed static names, cached for a year), so they add headers, not bodies; the web
manifest and the 512 px icons are fetched by the browser only when it offers installation (not in this log).

## First visit

{_table(first)}

## Repeat visit

{_table(repeat)}

## Offline visit

{_table(offline)}
"""
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
