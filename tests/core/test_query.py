"""Reading query parameters one way (apps.core.query): a FilterSet or a form drops a bad value, says so in Thai
and shows the default; a control character never reaches a view (400, Thai page)."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from apps.certification.models import Honour
from tests.conftest import login
from tests.factories import UnitFactory, district


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_a_nul_byte_or_a_line_break_is_refused_with_a_thai_page(client, officer):
    login(client, officer)
    for bad in ("a\x00b", "/x\r\nSet-Cookie: injected=1"):
        r = client.get("/app/units/", {"q": bad})
        assert r.status_code == 400
        assert "คำขอไม่ถูกต้อง" in r.content.decode()
        assert "injected" not in r.headers.get("Set-Cookie", "")
    assert client.get("/app/units/", {"q": "กลุ่ม\tออมทรัพย์"}).status_code == 200


@pytest.mark.django_db
def test_the_unit_list_drops_a_district_it_does_not_know(client, officer, year):
    """The auditor's case: ?district=a/b&year=<valid>&enrolled=yes used to end in NoReverseMatch."""
    unit = UnitFactory(district=district("6501"), name="กลุ่มทดสอบตัวกรอง")
    login(client, officer)
    r = client.get("/app/units/", {"district": "a/b", "year": year.pk, "enrolled": "yes"})
    assert r.status_code == 200
    assert any("ค่าตัวกรองบางค่าไม่ถูกต้อง" in m and "อำเภอ" in m for m in _messages(r))
    r = client.get("/app/units/", {"district": "6502", "year": "9" * 20, "stage": "๑"})
    assert r.status_code == 200  # a district outside the officer's scope is not a choice: the default shows
    assert unit.name in r.content.decode()


@pytest.mark.django_db
def test_the_honour_list_reads_its_unit_through_the_visible_units(client, officer, neighbour, year):
    mine = UnitFactory(district=district("6501"))
    theirs = UnitFactory(district=district("6502"))
    Honour.objects.create(
        year=year,
        unit=theirs,
        kind_id=Honour.Kind.choices[0][0],
        title="เกียรติบัตรของอำเภออื่น",
        giver_level=Honour.Giver.DISTRICT,
        given_by="นายอำเภอ",
        given_on=dt.date(2026, 1, 10),
    )
    login(client, officer)
    for bad in ("abc", "-1", "9" * 20, "1.5", str(theirs.pk)):
        r = client.get("/app/honours/", {"unit": bad})
        assert r.status_code == 200, bad
        assert "เกียรติบัตรของอำเภออื่น" not in r.content.decode()
    assert client.get("/app/honours/", {"unit": mine.pk}).status_code == 200


def test_read_query_gives_the_default_for_a_bad_value(rf):
    from django import forms
    from django.contrib.messages.storage.fallback import FallbackStorage

    from apps.core.query import read_query

    class Query(forms.Form):
        weeks = forms.IntegerField(min_value=1, max_value=52, initial=4, label="สัปดาห์")
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], initial="a")

    request = rf.get("/", {"weeks": "๑๒๓๔๕", "kind": "b"})
    request.session = {}
    request._messages = FallbackStorage(request)
    assert read_query(Query, request) == {"weeks": 4, "kind": "b"}
    assert any("สัปดาห์" in str(m) for m in request._messages)
    request = rf.get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    assert read_query(Query, request) == {"weeks": 4, "kind": "a"}
    assert not list(request._messages)
