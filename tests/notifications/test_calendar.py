"""The iCal feed: RFC 5545 by hand, parsed back here; a revoked token answers 410 with no data."""

import datetime as dt

import pytest

from apps.notifications import ics, services
from apps.notifications.models import CalendarToken

pytestmark = pytest.mark.django_db


def parse(text):
    """A strict little RFC 5545 reader: CRLF only, lines ≤ 75 octets, unfold, split properties."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    raw = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in raw)
    lines = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    events, cur, cal = [], None, {}
    for line in lines:
        name, value = line.split(":", 1)
        if line == "BEGIN:VEVENT":
            cur = {}
        elif line == "END:VEVENT":
            events.append(cur)
            cur = None
        elif cur is not None:
            cur[name] = (
                value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
            )
        else:
            cal[name] = value
    assert cal["BEGIN"] == "VCALENDAR" and cal["VERSION"] == "2.0" and cal["END"] == "VCALENDAR"
    return cal, events


def test_fold_and_escape():
    long = "SUMMARY:" + "กำหนดส่งรายงาน; แผน, ผล\\ " * 10
    folded = ics.fold(long)
    assert all(len(p.encode()) <= 75 for p in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long
    assert ics.escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    body = ics.calendar([ics.Event(uid="x@mchch", day=dt.date(2026, 11, 20), summary="ก, ข; ค\nง")], name="t")
    _cal, events = parse(body)
    assert events[0]["SUMMARY"] == "ก, ข; ค\nง" and events[0]["DTSTART;VALUE=DATE"] == "20261120"
    assert events[0]["DTEND;VALUE=DATE"] == "20261121"


def test_feed_of_a_district_officer(client, as_user, year, officer, stranger):
    token = services.regenerate_token(officer)
    r = client.get(f"/app/calendar/{token.token}.ics")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/calendar")
    _cal, events = parse(r.content.decode())
    by_uid = {e["UID"]: e for e in events}
    dl = year.deadlines.get(kind="applicant_list")
    e = by_uid[f"deadline-{dl.pk}@mchch"]
    assert e["DTSTART;VALUE=DATE"] == "20261120" and "สรุปรายชื่อกลุ่มเป้าหมาย" in e["SUMMARY"]
    assert len(events) == 5
    # stable UIDs: a second download gives the same events
    assert {
        x["UID"] for x in parse(client.get(f"/app/calendar/{token.token}.ics").content.decode())[1]
    } == set(by_uid)
    # another province's staff sees none of Phitsanulok's deadlines
    other = services.regenerate_token(stranger)
    assert parse(client.get(f"/app/calendar/{other.token}.ics").content.decode())[1] == []


def test_revoked_and_regenerated_tokens(client, as_user, year, officer):
    c = as_user(officer)
    assert c.post("/app/inbox/calendar/new/").status_code == 302
    old = CalendarToken.objects.get(user=officer)
    assert c.get(f"/app/calendar/{old.token}.ics").status_code == 200
    c.post("/app/inbox/calendar/new/")  # regenerate: the old link dies
    r = c.get(f"/app/calendar/{old.token}.ics")
    assert r.status_code == 410 and b"BEGIN" not in r.content
    new = services.active_token(officer)
    assert c.post("/app/inbox/calendar/revoke/").status_code == 302
    r = c.get(f"/app/calendar/{new.token}.ics")
    assert r.status_code == 410 and b"VEVENT" not in r.content
    assert c.get("/app/calendar/not-a-token.ics").status_code == 404
