"""The pass rule of a standard set: one implementation for the unit's self-assessment (evaluate) and the
committee's suggested result (apps.evaluation.scoring.committee_result), both through `judge`."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .enums import Combine

HUNDRED = Decimal("100")
TWO_PLACES = Decimal("0.01")


@dataclass
class Result:
    percent: Decimal
    passed: bool
    failed_mandatory: list = field(default_factory=list)  # Indicator objects
    gaps: list = field(default_factory=list)  # every active indicator not met (the plan should address them)
    answered: int = 0
    total: int = 0
    # True when the set requires its mandatory indicators and the result is "not passed" with one of them
    # unmet: whatever the total, a mandatory indicator decided it.
    failed_by_mandatory: bool = False


def _number(value):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    try:
        return Decimal(str(value))
    except Exception:
        raise ValidationError(_("คะแนน “%(v)s” ไม่ใช่ตัวเลข") % {"v": value}) from None


def check_score(indicator, value):
    """The score as a Decimal, or a Thai ValidationError when it is outside the indicator's scale."""
    n = _number(value)
    if n is None:
        return None
    if n < 0 or n > indicator.top or (indicator.scale == indicator.Scale.PASS_FAIL and n not in (0, 1)):
        raise ValidationError(
            _("คะแนนของตัวชี้วัด %(code)s ต้องอยู่ระหว่าง 0 ถึง %(max)s (ได้ %(v)s)")
            % {"code": indicator.code, "max": indicator.top, "v": value}
        )
    return n


def weighted_percent(indicators, scores):
    """Σ weight × score/top ÷ Σ weight, as a percentage rounded to 2 places (equal weights when none is set).
    scores: {indicator_id: Decimal | None} already on each indicator's scale; a missing score counts 0."""
    total_weight = sum((Decimal(i.weight or 0) for i in indicators), Decimal("0"))
    equal = total_weight <= 0
    got = Decimal("0")
    for ind in indicators:
        n = scores.get(ind.pk)
        if n is not None:
            w = Decimal("1") if equal else Decimal(ind.weight or 0)
            got += w * Decimal(n) / Decimal(ind.top)
    denom = Decimal(len(indicators)) if equal else total_weight
    return (got * HUNDRED / denom).quantize(TWO_PLACES, ROUND_HALF_UP) if denom else Decimal("0.00")


def judge(standard_set, indicators, scores, percent=None):
    """The pass rule of `standard_set` applied to `scores` ({indicator_id: Decimal | None}, already on each
    indicator's scale): mandatory indicators must be met when the set requires it, the total must reach
    min_percent when one is set, and `combine` joins the two conditions with and/or; with neither condition
    every indicator must be answered. `percent` is the total to compare (computed from the scores when None:
    a committee compares the mean of its members' totals, the figure its decision page shows)."""
    if percent is None:
        percent = weighted_percent(indicators, scores)
    failed, gaps, answered = [], [], 0
    for ind in indicators:
        n = scores.get(ind.pk)
        if n is not None:
            answered += 1
        if not ind.is_met(n):
            gaps.append(ind)
            if ind.mandatory:
                failed.append(ind)
    conditions = []
    if standard_set.require_mandatory:
        conditions.append(not failed)
    if standard_set.min_percent is not None:
        conditions.append(percent >= standard_set.min_percent)
    if not conditions:
        passed = answered == len(indicators)
    elif standard_set.combine == Combine.OR:
        passed = any(conditions)
    else:
        passed = all(conditions)
    return Result(
        percent=percent,
        passed=passed,
        failed_mandatory=failed,
        gaps=gaps,
        answered=answered,
        total=len(indicators),
        failed_by_mandatory=bool(standard_set.require_mandatory and failed and not passed),
    )


def evaluate(standard_set, scores, indicators=None):
    """Result of a self-assessment's `scores` ({indicator_id: number | bool | None}): every score is checked
    against its indicator's scale (Thai ValidationError), then the set's pass rule (`judge`) applies."""
    if indicators is None:
        from .selectors import indicators_of

        indicators = list(indicators_of(standard_set))
    scores = {int(k): v for k, v in (scores or {}).items()}
    clean = {ind.pk: check_score(ind, scores.get(ind.pk)) for ind in indicators}
    return judge(standard_set, indicators, clean)
