"""Hostile query parameters (issue 25 item 1): every page of the permission matrix, opened by a persona that may
open it, with each GET parameter the page reads set to hostile values — a URL, "a/b", "-1", twenty digits,
letters, quotes and angle brackets, Thai digits, 2,000 characters, a NUL byte. The parameters a page reads are
found by recording which keys of request.GET it asks for (its filter, its forms, or any direct read), so a page
that starts reading a new parameter is walked with it at once. No answer may be a 5xx or an exception."""

import copy
import html.parser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.handlers.wsgi import WSGIRequest, get_bytes_from_wsgi
from django.http import QueryDict
from django.test import Client

from tests.test_permission_matrix import MATRIX, P, _media, dataset, url_of  # noqa: F401, F811 — fixtures

HOSTILE = [
    "https://evil.example.org/x?y=1",
    "a/b",
    "-1",
    "9" * 20,
    "abc",
    "'\"<script>",
    "๑๒",
    "ก" * 2000,
    "a\x00b",
    "/x\r\nSet-Cookie: injected=1",
    "",
    "1.5",
    "2570-13-45",
    "%",
]
# Which persona opens a page: the first of these whose matrix cell is 200.
ORDER = ["d6501", "prov", "zone", "chair", "subc", "natl", "admin", "anon"]
SKIP = ("notifications:calendar_feed",)  # a token URL for calendar apps: reads no parameter


class RecordingQueryDict(QueryDict):
    """request.GET that remembers which keys the page asked for."""

    seen: set = set()

    def __getitem__(self, key):
        RecordingQueryDict.seen.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        RecordingQueryDict.seen.add(key)
        return super().__contains__(key)

    def getlist(self, key, default=None):
        RecordingQueryDict.seen.add(key)
        return super().getlist(key, default)


def _recording_get(self):
    if "_recorded_get" not in self.__dict__:
        raw = get_bytes_from_wsgi(self.environ, "QUERY_STRING", "")
        self.__dict__["_recorded_get"] = RecordingQueryDict(raw, encoding=self._encoding)
    return self.__dict__["_recorded_get"]


def _set_get(self, value):
    self.__dict__["_recorded_get"] = value


@pytest.fixture
def recording(monkeypatch):
    monkeypatch.setattr(WSGIRequest, "GET", property(_recording_get, _set_get))
    RecordingQueryDict.seen = set()
    return RecordingQueryDict


class GetFormValues(html.parser.HTMLParser):
    """The fields of the page's own GET forms: their names (the parameters the page declares) and a valid value
    for each (the first real option of a select, the value of an input). The walk keeps these while it makes one
    parameter hostile, as a person who filtered first and then edited the address would."""

    def __init__(self):
        super().__init__()
        self.values, self.names, self.in_form, self.select = {}, set(), False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.in_form = (a.get("method") or "get").lower() == "get"
            return
        if not self.in_form:
            return
        name = a.get("name")
        if tag in ("select", "input", "textarea") and name and a.get("type") not in ("submit", "button"):
            self.names.add(name)
            if tag == "select":
                self.select = name
            elif tag == "input" and a.get("value"):
                self.values.setdefault(name, a["value"])
        elif tag == "option" and self.select and a.get("value") and self.select not in self.values:
            self.values[self.select] = a["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None


def _get_form(response):
    """(names, valid values) of the fields of the page's GET forms: the parameters the page declares."""
    if response.streaming or "text/html" not in response.get("Content-Type", ""):
        return set(), {}
    parser = GetFormValues()
    parser.feed(response.content.decode("utf-8", "replace"))
    return parser.names - {"csrfmiddlewaretoken"}, parser.values


def _open(client, url):
    r = client.get(url)
    if r.streaming:
        b"".join(r.streaming_content)
    return r


def _with(url, base, key, value):
    parts = urlsplit(url)
    query = {**base, **dict(parse_qsl(parts.query, keep_blank_values=True)), key: value}
    return parts.path + "?" + urlencode(query)


@pytest.mark.django_db
def test_no_page_fails_on_hostile_query_parameters(dataset, recording):  # noqa: F811
    problems, tried, pages = [], 0, 0
    for name, row in sorted(MATRIX.items()):
        persona = next((p for p in ORDER if row[P.index(p)] == 200), None)
        if persona is None or name in SKIP:
            continue
        url = url_of(dataset, name)
        client = Client()
        if persona != "anon":
            client.cookies = copy.deepcopy(dataset.cookies[persona])
        recording.seen = set()
        declared, base = _get_form(_open(client, url))
        keys = sorted(recording.seen | declared | {k for k, _v in parse_qsl(urlsplit(url).query)})
        base = {k: v for k, v in base.items() if k in keys}
        pages += 1
        for key in keys:
            for value in HOSTILE:
                tried += 1
                try:
                    r = _open(client, _with(url, base, key, value))
                except Exception as exc:  # noqa: BLE001 — reported with its cause
                    problems.append(
                        f"{persona} {name} ?{key}={value[:20]!r}: {type(exc).__name__} {exc}"[:300]
                    )
                    continue
                if r.status_code >= 500:
                    problems.append(f"{persona} {name} ?{key}={value[:20]!r}: {r.status_code}")
        if keys:  # every parameter hostile at once
            tried += 1
            hostile_all = (
                urlsplit(url).path
                + "?"
                + urlencode([(k, HOSTILE[i % len(HOSTILE)]) for i, k in enumerate(keys)])
            )
            try:
                r = _open(client, hostile_all)
                if r.status_code >= 500:
                    problems.append(f"{persona} {name} (all hostile): {r.status_code}")
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{persona} {name} (all hostile): {type(exc).__name__} {exc}"[:300])
    print(f"hostile query walk: {pages} pages, {tried} URL × parameter × value combinations")
    assert pages > 80 and tried > 500, (pages, tried)
    assert not problems, f"{len(problems)} failures:\n" + "\n".join(problems[:80])
