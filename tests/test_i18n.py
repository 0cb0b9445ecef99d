"""Thai first, English from locale/en: every msgid has an English msgstr, and the pages switch language."""

import gettext as gettext_module
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import trans_real

from tests.conftest import login

LOCALE = Path(settings.BASE_DIR) / "locale"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*[\d.]*[sdif]|%[sd%]|\{\w*(?::[^}]*)?\}|</?[a-z]+[^>]*>")


def _unquote(line):
    s = line.strip()
    assert s.startswith('"') and s.endswith('"'), line
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s[1:-1])


def parse_po(path):
    """A tiny .po reader: a list of dicts with flags, msgid, msgid_plural and msgstr (a dict by plural index)."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        e = {"flags": set(), "msgid": None, "msgid_plural": None, "msgstr": {}, "obsolete": False}
        key = None
        for line in block.splitlines():
            if line.startswith("#~"):
                e["obsolete"] = True
            elif line.startswith("#,"):
                e["flags"].update(f.strip() for f in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif m := re.match(r"(msgid_plural|msgid|msgctxt|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line):
                kw, idx, value = m.group(1), m.group(2), _unquote(m.group(3))
                if kw.startswith("msgstr"):
                    key = ("msgstr", int(idx or 0))
                    e["msgstr"][key[1]] = value
                else:
                    key = (kw,)
                    e[kw] = value
            else:
                value = _unquote(line)
                if key[0] == "msgstr":
                    e["msgstr"][key[1]] += value
                else:
                    e[key[0]] += value
        if e["msgid"] is not None and not e["obsolete"]:
            entries.append(e)
    return entries


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogs():
    """.mo files are not in git (`make` compiles them): compile when missing or older than the .po."""
    stale = False
    for po in LOCALE.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        stale = stale or not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime
    if stale:
        call_command("compilemessages", locale=["en", "th"], verbosity=0)
        gettext_module._translations.clear()
        trans_real._translations = {}
        trans_real._default = None


def test_english_catalog_has_no_empty_or_fuzzy_msgstr():
    entries = [e for e in parse_po(EN_PO) if e["msgid"]]  # the header has an empty msgid
    assert len(entries) > 1000
    empty = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert empty == []
    assert fuzzy == []


def test_english_catalog_keeps_placeholders_and_html():
    problems = []
    for e in parse_po(EN_PO):
        if not e["msgid"]:
            continue
        for i, s in e["msgstr"].items():
            source = e["msgid_plural"] if i and e["msgid_plural"] else e["msgid"]
            if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(source)):
                problems.append((e["msgid"], s))
    assert problems == []


def test_public_home_in_english(client, db):
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "Community Development Standards (CDS)" in html
    assert "<span>CDS</span>" in html
    assert "ระบบมาตรฐานการพัฒนาชุมชน" not in html


def test_public_home_in_thai_by_default(client, db):
    html = client.get("/").content.decode()
    assert "ระบบมาตรฐานการพัฒนาชุมชน (มชช.)" in html
    assert "Community Development Standards" not in html


def test_language_link_switches_to_english(client, db):
    response = client.get("/lang/en/?next=/")
    assert response.status_code == 302
    assert "Community Development Standards (CDS)" in client.get("/").content.decode()


def test_staff_menu_in_english(client, staff):
    login(client, staff)
    client.cookies["django_language"] = "en"
    html = client.get("/app/").content.decode()
    assert "Users and roles" in html  # a nav label registered as a Thai string in AppConfig.ready()
    assert "ผู้ใช้และบทบาท" not in html


def test_password_rules_in_thai(client, staff):
    """Django has no Thai for the password validators; locale/th supplies it (msgids in accounts/thirdparty_msgids)."""
    login(client, staff)
    html = client.get("/accounts/password/change/").content.decode()
    assert "รหัสผ่านต้องมีอย่างน้อย" in html
    assert "Your password" not in html
