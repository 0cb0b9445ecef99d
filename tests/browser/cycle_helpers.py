"""Helpers of the full-cycle browser test: log in through the real form, click and wait, save screenshots."""

import io
import re
import time
from pathlib import Path

from PIL import Image

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PASSWORD = "test-pass-12345"  # tests.factories.PASSWORD
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class Cycle:
    """One browser page driven through the year; numbers the screenshots in the order the steps happen."""

    def __init__(self, page, base_url):
        self.page = page
        self.base = base_url
        self.n = 0
        self.who = None
        self.started = self.last = time.monotonic()
        self.timings = []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for old in ARTIFACTS.glob("cycle-*.png"):
            old.unlink()
        # Buttons with data-confirm ask through window.confirm (static/js/app.js): the user says yes.
        page.on("dialog", lambda d: d.accept())
        page.set_default_timeout(15_000)

    # --- navigation -----------------------------------------------------------------------------
    def url(self, path):
        return path if path.startswith("http") else self.base + path

    def goto(self, path):
        self.page.goto(self.url(path))
        self.page.wait_for_load_state("domcontentloaded")

    def login(self, user, viewport=DESKTOP):
        page = self.page
        page.context.clear_cookies()
        page.set_viewport_size(viewport)
        self.goto("/accounts/login/")
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        page.wait_for_url("**/app/")
        self.who = user

    def submit(self, button, form=None):
        """Click a submit button (a locator or a button text) and wait for the page that answers."""
        page = self.page
        scope = page.locator(form) if form else page.locator("main")
        loc = (
            scope.locator(f"button[type=submit]:has-text('{button}')").first
            if isinstance(button, str)
            else button
        )
        with page.expect_navigation():
            loc.click()
        page.wait_for_load_state("domcontentloaded")
        self.expect_no_error()

    def expect_no_error(self):
        html = self.page.content()
        assert "Server Error" not in html and "Traceback" not in html, self.page.url

    def errors(self):
        return self.page.locator(".errorbox, .error, .msg.error").all_inner_texts()

    def main_text(self):
        return self.page.inner_text("main")

    def pk_from_url(self, pattern):
        m = re.search(pattern, self.page.url)
        assert m, f"{pattern} not in {self.page.url}"
        return int(m.group(1))

    def failure_evidence(self):
        """On a failure keep the page as it was (screenshot and HTML) next to the step screenshots."""
        try:
            self.page.screenshot(path=str(ARTIFACTS / "cycle-FAILED.png"), full_page=True)
            (ARTIFACTS / "cycle-FAILED.html").write_text(self.page.content(), encoding="utf-8")
        except Exception:  # noqa: BLE001 - the original error matters more
            pass

    # --- evidence -------------------------------------------------------------------------------
    def shot(self, step):
        self.n += 1
        path = ARTIFACTS / f"cycle-{self.n:02d}-{step}.png"
        # Lazy images below the fold would show as empty boxes in a full-page shot: load them first.
        self.page.evaluate("() => { for (const i of document.images) i.loading = 'eager'; }")
        self.page.wait_for_function("() => Array.from(document.images).every(i => i.complete)")
        self.page.screenshot(path=str(path), full_page=True)
        now = time.monotonic()
        self.timings.append((path.stem, now - self.last))
        self.last = now
        return path

    def write_timings(self):
        """Seconds spent up to each screenshot, next to the screenshots (cycle-timings.txt)."""
        lines = [f"{sec:6.1f}s  {name}" for name, sec in self.timings]
        lines.append(f"{time.monotonic() - self.started:6.1f}s  total")
        (ARTIFACTS / "cycle-timings.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def jpeg_bytes(color, size=(640, 480)):
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG", quality=80)
    return buf.getvalue()
