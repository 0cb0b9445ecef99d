"""The pass rule of a standard set, as a pure function the evaluation scorecards reuse."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .enums import Combine

HUNDRED = Decimal("100")


@dataclass
class Result:
    percent: Decimal
    passed: bool
    failed_mandatory: list = field(default_factory=list)  # Indicator objects
    gaps: list = field(default_factory=list)  # every active indicator not met (the plan should address them)
    answered: int = 0
    total: int = 0


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


def evaluate(standard_set, scores, indicators=None):
    """Result of `scores` ({indicator_id: number | bool | None}) against the set's active indicators and its
    pass rule: percent = Σ weight × score/top ÷ Σ weight (equal weights when none are set); mandatory
    indicators must be met when the set requires it; `combine` joins the two conditions with and/or."""
    if indicators is None:
        from .selectors import indicators_of

        indicators = list(indicators_of(standard_set))
    scores = {int(k): v for k, v in (scores or {}).items()}
    total_weight = sum((i.weight for i in indicators), Decimal("0"))
    equal = total_weight <= 0
    got = Decimal("0")
    failed, gaps, answered = [], [], 0
    for ind in indicators:
        n = check_score(ind, scores.get(ind.pk))
        if n is not None:
            answered += 1
            w = Decimal("1") if equal else ind.weight
            got += w * n / Decimal(ind.top)
        if not ind.is_met(n):
            gaps.append(ind)
            if ind.mandatory:
                failed.append(ind)
    denom = Decimal(len(indicators)) if equal else total_weight
    percent = (got * HUNDRED / denom).quantize(Decimal("0.01"), ROUND_HALF_UP) if denom else Decimal("0.00")
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
    return Result(percent=percent, passed=passed, failed_mandatory=failed, gaps=gaps, answered=answered,
                  total=len(indicators))
