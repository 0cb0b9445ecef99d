"""What a thumb meets on a phone: sideways scrolling, tap targets too small, and axe-core's serious findings.

Used by tests/browser/test_layout_axe.py; kept apart so the same audit can be run by hand against a running
server (`python -m tests.browser.layout_audit http://127.0.0.1:8000 EMAIL /app/ /units/ …`, EMAIL `-` for
nobody).

Targets (WCAG 2.2 2.5.8, target size minimum): every visible link, button, field, `[role=button]` and `summary`
is at least 24 × 24 CSS px. A checkbox or radio counts with its label (a press on the label ticks it). The one
exception taken is WCAG's "inline" one: a link inside a sentence, whose height is the line's, is exempt when the
block around it has words of its own besides its links and buttons (a paragraph, a list item, a table cell that
reads as text). A target hidden from everyone (display none, visibility hidden, a 1 px screen-reader-only box,
outside the page) is not a target. The areas of an SVG map are exempt too (WCAG's "equivalent" exception): every
map has its data table with the same links (apps.geo.maps.choropleth)."""

import shutil
import sys

from axe_playwright_python.sync_playwright import Axe

MIN = 24
GOOD = 44
AXE_BLOCKING = ("serious", "critical")

TARGETS_SCRIPT = """
([MIN, GOOD]) => {
  const SELECTOR = "a[href], button, input:not([type=hidden]), select, textarea, [role=button], summary";
  const INTERACTIVE = "a[href], button, input, select, textarea, [role=button], summary, label";
  const blockOf = (el) => {
    let b = el.parentElement;
    while (b && getComputedStyle(b).display.startsWith("inline")) b = b.parentElement;
    return b;
  };
  // The words of a block that are not inside a target: a link among them sits in running text.
  const ownWords = (block) => {
    let text = "";
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) text += child.textContent;
        else if (child.nodeType === 1 && !child.matches(INTERACTIVE) && getComputedStyle(child).display.startsWith("inline")) walk(child);
      }
    };
    walk(block);
    return text.replace(/[\\s·•|,;:()\\[\\]\\/–—-]+/g, "").length;
  };
  const visible = (el, r) => {
    if (r.width <= 1 || r.height <= 1) return false;
    const cs = getComputedStyle(el);
    if (cs.visibility !== "visible" || cs.display === "none") return false;
    if (r.right <= 0 || r.bottom <= 0) return false;  // moved off the page (a skip link before focus)
    if (el.checkVisibility && !el.checkVisibility({contentVisibilityAuto: true})) return false;  // a closed <details>
    return !el.closest("[hidden], [aria-hidden=true], [inert]");
  };
  const describe = (el) => {
    const name = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("name") || el.getAttribute("type") || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.classList.length ? "." + [...el.classList].join(".") : "") + " “" + name + "”";
  };
  const out = {small: [], under44: 0, targets: 0, overflow: 0, wide: []};
  for (const el of document.querySelectorAll(SELECTOR)) {
    let r = el.getBoundingClientRect();
    if (!visible(el, r)) continue;
    if (el.closest("svg")) continue;  // a map's areas: the same links are in the map's data table
    if (el.matches("input[type=checkbox], input[type=radio]")) {
      for (const label of el.labels || []) {
        const lr = label.getBoundingClientRect();
        if (lr.width > 1 && lr.height > 1) {
          const left = Math.min(r.left, lr.left), top = Math.min(r.top, lr.top);
          r = {left, top, width: Math.max(r.right, lr.right) - left, height: Math.max(r.bottom, lr.bottom) - top};
        }
      }
    }
    out.targets += 1;
    const w = Math.round(r.width * 10) / 10, h = Math.round(r.height * 10) / 10;
    const inline = el.matches("a") && getComputedStyle(el).display === "inline" && ownWords(blockOf(el) || document.body) >= 2;
    if (inline) continue;
    if (w < GOOD || h < GOOD) out.under44 += 1;
    if (w < MIN || h < MIN) out.small.push(describe(el) + " " + w + "×" + h);
  }
  // Whatever scrolls sideways inside the page must be a region a keyboard can reach and a screen reader names.
  out.scrollers = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    const ox = getComputedStyle(el).overflowX;
    if (ox !== "auto" && ox !== "scroll") continue;
    const named = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    if (!(el.getAttribute("role") === "region" && named && el.tabIndex >= 0)) out.scrollers.push(describe(el).slice(0, 60) + " " + el.scrollWidth + "/" + el.clientWidth);
  }
  const root = document.documentElement;
  out.overflow = root.scrollWidth - root.clientWidth;  // the layout viewport: the phone's width
  if (out.overflow > 0) {
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > root.clientWidth + 1 && r.width > 0 && !el.closest(".table-scroll, [role=region][tabindex]")) {
        const parent = el.parentElement && el.parentElement.getBoundingClientRect();
        if (!parent || parent.right <= root.clientWidth + 1) out.wide.push(describe(el) + " right " + Math.round(r.right));
        if (out.wide.length >= 5) break;
      }
    }
  }
  return out;
}
"""

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
    "locale": "th-TH",
}

_axe = None


def axe_blocking(page):
    """axe-core's serious and critical violations of the page: ["rule-id (impact): target, target", …]."""
    global _axe
    _axe = _axe or Axe()
    results = _axe.run(page)
    out = []
    for v in results.response["violations"]:
        if v.get("impact") in AXE_BLOCKING:
            nodes = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:4])
            out.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {nodes}")
    return out


TABLET = {"width": 768, "height": 1024}


def audit(page, url, *, axe=True):
    """Load `url` and return {status, small: [...], under44, targets, overflow, wide: [...], scrollers: [...],
    axe: [...], tablet: {the same measures at 768 px}}, or None when the answer is not an HTML page (a file, a
    feed, a redirect to one). The page is measured at the context's width (390 px), then the same page is laid
    out again at 768 px without a reload."""
    response = page.goto(url, wait_until="load")
    ctype = (response.headers.get("content-type", "") if response else "").split(";")[0]
    if ctype != "text/html":
        return None
    page.evaluate("document.fonts.ready")
    result = page.evaluate(TARGETS_SCRIPT, [MIN, GOOD])
    result["status"] = response.status
    result["axe"] = axe_blocking(page) if axe else []
    phone = page.viewport_size
    page.set_viewport_size(TABLET)
    result["tablet"] = page.evaluate(TARGETS_SCRIPT, [MIN, GOOD])
    page.set_viewport_size(phone)
    return result


def main(argv):
    from playwright.sync_api import sync_playwright

    from .layout_shift import log_in

    base, email, *paths = argv
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_context(**PHONE).new_page()
        if email != "-":
            log_in(page, base, email, "mchch-demo-2570")
        totals = {"small": 0, "under44": 0, "axe": 0}
        for path in paths:
            r = audit(page, base + path)
            if r is None:
                print(f"--- {path} (not a page)")
                continue
            totals["small"] += len(r["small"])
            totals["under44"] += r["under44"]
            totals["axe"] += len(r["axe"])
            print(
                f"{r['status']} {path}: {r['targets']} targets, {len(r['small'])} under {MIN} px, "
                f"{r['under44']} under {GOOD} px, overflow {r['overflow']} px, axe {len(r['axe'])}"
            )
            for line in (
                r["small"][:8] + r["wide"] + r["axe"] + [f"scrolls unnamed: {x}" for x in r["scrollers"]]
            ):
                print("      " + line)
            t = r["tablet"]
            for line in t["small"][:8] + t["wide"] + [f"scrolls unnamed: {x}" for x in t["scrollers"]]:
                print("      768 px: " + line)
        print("TOTAL", totals)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
