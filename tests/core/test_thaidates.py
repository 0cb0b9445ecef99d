import datetime as dt

import pytest
from django import forms

from apps.core.forms import BEDateField
from apps.core.thaidates import fiscal_year_bounds, fiscal_year_of, format_date, parse_be_date, thai_digits


def test_formats_in_buddhist_era():
    d = dt.date(2027, 3, 15)
    assert format_date(d) == "15 มีนาคม 2570"
    assert format_date(d, "SHORT") == "15 มี.ค. 70"
    assert format_date(d, "NUM") == "15/03/2570"
    assert format_date(d, "FULL") == "วันจันทร์ที่ 15 มีนาคม พ.ศ. 2570"
    assert thai_digits(format_date(d, "Y")) == "๒๕๗๐"


def test_fiscal_year():
    # FY 2570 = 1 Oct 2569 – 30 Sep 2570 (DESIGN §2)
    assert fiscal_year_of(dt.date(2026, 10, 1)) == 2570
    assert fiscal_year_of(dt.date(2026, 9, 30)) == 2569
    assert fiscal_year_bounds(2570) == (dt.date(2026, 10, 1), dt.date(2027, 9, 30))


@pytest.mark.parametrize("text", ["15/03/2570", "15-03-2570", "15.3.2570", "๑๕/๐๓/๒๕๗๐", "2570/03/15"])
def test_parses_be_dates(text):
    assert parse_be_date(text) == dt.date(2027, 3, 15)


@pytest.mark.parametrize(
    "text,message",
    [("15/03/2027", "พ.ศ."), ("31/02/2570", "ไม่มีวันที่นี้"), ("พรุ่งนี้", "วว/ดด/ปปปป"), ("1/2", "วว/ดด/ปปปป")],
)
def test_wrong_dates_get_a_thai_message(text, message):
    class F(forms.Form):
        d = BEDateField()

    form = F({"d": text})
    assert not form.is_valid()
    assert message in form.errors["d"][0]


def test_be_field_renders_be_value():
    class F(forms.Form):
        d = BEDateField(initial=dt.date(2026, 11, 20))

    assert 'value="20/11/2569"' in str(F()["d"])
