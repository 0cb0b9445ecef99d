"""Issue 19, "done when": a crawl of the public site seeded with the demo data shows no national ID, no phone
number, no revocation reason and no one's name but a unit's own — and the demo itself names only invented people."""

import html
import re
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.certification.models import Certificate
from apps.core import demo_people
from apps.core.nationalid import is_valid_digits
from apps.core.privacy import find_private
from apps.registry.enums import TargetType
from apps.registry.models import Unit

pytestmark = pytest.mark.django_db
HREF = re.compile(r'href="([^"#]+)"')
PROFILE = re.compile(r"^/units/\d+-[^/]+/$")


def _text(page):
    """The words a visitor reads (and a robot indexes): tags dropped, entities decoded, attributes kept apart."""
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    attrs = " ".join(re.findall(r'(?:content|alt|title)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + attrs)


def _follow(href):
    """Public pages worth reading: home, directory pages, profiles, their PDFs, verify pages."""
    parts = urlsplit(html.unescape(href))
    if parts.netloc and not parts.netloc.startswith(("127.0.0.1", "testserver", "localhost")):
        return None
    path, query = unquote(parts.path), parts.query
    if path == "/units/" and (not query or re.fullmatch(r"page=\d+", query)):
        return path + ("?" + query if query else "")
    if (
        path in ("/", "/privacy/")
        or PROFILE.match(path)
        or path.startswith(("/verify/",))
        or path.endswith("/pdf/")
    ):
        return path if not query else None
    return None


def _pdf_text(content, tmp_path):
    out = tmp_path / "p.pdf"
    out.write_bytes(content)
    return subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout


def test_the_seeded_public_site_shows_no_personal_data(settings, client, tmp_path):
    settings.DEBUG = True
    settings.VERIFY_RATE_LIMIT = settings.SEARCH_RATE_LIMIT = 10_000
    call_command("seed_demo")
    units = list(Unit.objects.all())
    allowed = [n for u in units for n in u.public_names]
    secrets = {s for u in units for s in (u.national_id, u.phone) if s}
    reasons = {c.revoked_reason for c in Certificate.objects.exclude(revoked_reason="")}
    assert secrets and reasons  # the demo has IDs, phones and a revoked certificate to leak

    queue = ["/", "/units/", "/privacy/"] + [f"/verify/{c.code}/" for c in Certificate.objects.all()]
    seen, pdfs, read = set(), 0, 0
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        if path.endswith("/pdf/"):
            if pdfs >= 3 or not shutil.which("pdftotext"):  # WeasyPrint is slow: a few PDFs are enough
                continue
            pdfs += 1
        r = client.get(path, follow=True)
        assert r.status_code in (200, 410), (path, r.status_code)
        read += 1
        if r["Content-Type"].startswith("application/pdf"):
            text = _pdf_text(r.content, tmp_path)
            flat = re.sub(r"\s+", "", text)
            assert not [s for s in secrets if s in flat], path
            assert not [f for f in find_private(text, allowed) if f.kind in ("national_id", "phone")], path
            continue
        page = r.content.decode()
        text = _text(page)
        assert not [s for s in secrets if s in page], path
        assert not [r for r in reasons if r in page], path
        found = [(f.kind, f.text) for f in find_private(text, allowed) if f.kind != "email"]
        assert not found, (path, found)
        queue += [u for u in map(_follow, HREF.findall(page)) if u and u not in seen]
    assert pdfs >= 1 or not shutil.which("pdftotext")
    profiles = [p for p in seen if PROFILE.match(p)]
    assert len(profiles) >= 10 and read > len(profiles)
    assert any(p.startswith("/verify/") for p in seen) and "/privacy/" in seen


def test_the_demo_names_only_invented_people(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    leaders = Unit.objects.filter(target_type=TargetType.LEADER)
    assert leaders.exists()
    for u in leaders:
        assert u.last_name.endswith(demo_people.DEMO_MARK), u.name
        assert u.national_id.startswith(demo_people.DEMO_ID_PREFIX) and is_valid_digits(u.national_id)
        assert u.phone.startswith(demo_people.DEMO_PHONE_PREFIX)
        assert "ข้อมูลสาธิต" in u.description
    for u in Unit.objects.exclude(coordinator=""):
        assert demo_people.is_demo_name(u.coordinator) or not find_private(u.coordinator), u.coordinator
    for user in User.objects.exclude(email="admin@example.org"):
        assert user.last_name.endswith(demo_people.DEMO_MARK), user.email
    # every demo profile passes the gate, so staff can submit and publish them as they are
    from apps.public.gate import check_profile
    from apps.public.models import PublicProfile

    for profile in PublicProfile.objects.select_related("unit"):
        check_profile(profile)
