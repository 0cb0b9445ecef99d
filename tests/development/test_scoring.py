from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.development.enums import Combine
from apps.development.scoring import evaluate
from apps.development.selectors import indicators_of, standard_set_for

from .factories import make_set


def _ids(s):
    return [i.pk for i in indicators_of(s)]


@pytest.mark.django_db
def test_percent_mandatory_and_threshold(year):
    s = make_set(year)  # G1 pass/fail mandatory w40, G2, G3 scored /5 w30
    g1, g2, g3 = _ids(s)
    r = evaluate(s, {g1: True, g2: 5, g3: 3})
    assert r.percent == Decimal("88.00") and r.passed and not r.failed_mandatory
    r = evaluate(s, {g1: False, g2: 5, g3: 5})  # 60 % but the mandatory indicator failed
    assert r.percent == Decimal("60.00") and not r.passed and [i.code for i in r.failed_mandatory] == ["G1"]
    r = evaluate(s, {g1: 1, g2: 1, g3: 1})  # mandatory met, total 52 % < 60 %
    assert r.percent == Decimal("52.00") and not r.passed
    assert [i.code for i in r.gaps] == ["G2", "G3"]
    s.combine = Combine.OR
    assert evaluate(s, {g1: 1, g2: 1, g3: 1}).passed  # "and/or": mandatory passed is enough with OR
    s.min_percent = None
    s.require_mandatory = False
    assert (
        not evaluate(s, {g1: 1}).passed and evaluate(s, {g1: 1, g2: 0, g3: 0}).passed
    )  # no rule: all answered


@pytest.mark.django_db
def test_string_keys_equal_weights_and_out_of_scale(year):
    s = make_set(year, weights=(0, 0, 0))
    g1, g2, g3 = _ids(s)
    r = evaluate(s, {str(g1): 1, str(g2): "2.5", str(g3): None})
    assert r.percent == Decimal("50.00") and r.answered == 2 and r.total == 3
    with pytest.raises(ValidationError) as exc:
        evaluate(s, {g2: 6})
    assert "ต้องอยู่ระหว่าง 0 ถึง 5" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        evaluate(s, {g1: 2})
    with pytest.raises(ValidationError):
        evaluate(s, {g2: "มาก"})


@pytest.mark.django_db
def test_standard_set_for_prefers_the_assessments_set(year, staff):
    from apps.development.services.assessment import start_assessment

    from .factories import enrolment

    draft = make_set(year, published=False, version=1)
    e = enrolment(year)
    assert standard_set_for(e) is None  # drafts are not in force
    v2 = make_set(year, version=2)
    assert standard_set_for(e) == v2
    sa = start_assessment(e, by=staff)
    make_set(year, version=3)
    assert standard_set_for(e) == v2 == sa.standard_set
    assert draft.pk != v2.pk
