"""Measure what a phone sees: cumulative layout shift (CLS) of one page load, headings and labels.

Used by tests/browser/test_layout_shift.py; kept apart so the same measurement can be run by hand against a
running server (`python -m tests.browser.layout_shift http://127.0.0.1:8000 EMAIL /app/ /units/ …`)."""

import shutil
import sys

# Every layout shift of the load, including those before the observer's own script ran (buffered). Shifts
# within 500 ms of a user's input do not count (hadRecentInput), as in the browsers' own CLS.
CLS_INIT_SCRIPT = """
window.__cls = 0; window.__shifts = [];
try {
  new PerformanceObserver(function (list) {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__cls += e.value;
      window.__shifts.push({value: e.value, at: Math.round(e.startTime),
        nodes: (e.sources || []).map(function (s) {
          const n = s.node; if (!n || !n.tagName) return String(n && n.nodeName);
          return n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (n.className ? "." + String(n.className).split(" ").join(".") : "");
        })});
    }
  }).observe({type: "layout-shift", buffered: true});
} catch (e) { window.__cls = -1; }
"""

SETTLE_SCRIPT = """
async () => {
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise(r => setTimeout(r, 600));
  return {cls: window.__cls, shifts: window.__shifts};
}
"""

# Headings in document order that skip a level (h1 → h3), visible form fields without an accessible name, and how
# far the page runs wider than the screen (a phone then scrolls sideways).
OUTLINE_SCRIPT = """
() => {
  const out = {skips: [], unlabelled: [], h1: 0};
  let prev = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const level = +h.tagName[1];
    if (level === 1) out.h1 += 1;
    if (level > prev + 1) out.skips.push("h" + prev + " → h" + level + " " + h.textContent.trim().slice(0, 40));
    prev = level;
  }
  for (const el of document.querySelectorAll("input, select, textarea")) {
    if (el.type === "hidden" || el.type === "submit" || el.type === "button") continue;
    const named = (el.labels && el.labels.length) || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.title;
    if (!named) out.unlabelled.push(el.outerHTML.slice(0, 80));
  }
  out.overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  return out;
}
"""

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "th-TH",
}

# A mid-range phone (4× slower CPU) on a mobile network: the font files arrive after the first paint, as in the audit.
MOBILE_NETWORK = {
    "offline": False,
    "latency": 562,
    "downloadThroughput": 1_474_560 // 8,
    "uploadThroughput": 675_000 // 8,
}


def phone_context(browser, **extra):
    context = browser.new_context(**PHONE, **extra)
    context.add_init_script(CLS_INIT_SCRIPT)
    return context


def throttle(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", MOBILE_NETWORK)
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # every page as on a first visit
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return cdp


def delay_scripts(page, seconds=1.0):
    """Our scripts arrive after the page has painted (a slow phone, a flaky network): whatever a script changes
    in the layout then counts as a shift, as it does for the people who saw it happen."""

    def late(route):
        page.wait_for_timeout(seconds * 1000)
        route.continue_()

    page.route("**/static/js/*.js", late)


def log_in(page, base, email, password):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def measure(page, url):
    """Load `url` fresh (no cache) and return {cls, shifts, skips, unlabelled, h1, status}."""
    response = page.goto(url, wait_until="load")
    result = page.evaluate(SETTLE_SCRIPT)
    result.update(page.evaluate(OUTLINE_SCRIPT))
    result["status"] = response.status if response else None
    return result


def main(argv):
    from playwright.sync_api import sync_playwright

    base, email, *paths = argv
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        context = phone_context(browser)
        page = context.new_page()
        if email != "-":
            log_in(page, base, email, "mchch-demo-2570")
        throttle(page)
        delay_scripts(page)
        for path in paths:
            r = measure(page, base + path)
            print(
                f"{r['status']} CLS {r['cls']:.3f} {path}  skips={r['skips']} unlabelled={len(r['unlabelled'])}"
            )
            for s in r["shifts"]:
                print(f"      {s['value']:.3f} @{s['at']}ms {s['nodes'][:3]}")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
