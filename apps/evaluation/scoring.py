"""Score arithmetic: a member's total as a percentage, and the mean and median of a unit's totals.
Weights come from Indicator.weight (equal weights when none is set), the scale from Indicator.scale/max_score."""

from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from apps.development.models import Indicator, StandardSet

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def standard_set_for(enrolment):
    """The catalogue a unit is scored on: the latest published version for its year and target type."""
    return (StandardSet.objects.filter(year_id=enrolment.year_id, target_type=enrolment.unit.target_type,
                                       is_published=True)
            .order_by("-version").first())


def indicators_of(standard_set):
    return list(Indicator.objects.filter(component__standard_set=standard_set, is_active=True)
                .select_related("component").order_by("component__order", "order", "pk"))


def max_of(indicator):
    return Decimal(1) if indicator.scale == Indicator.Scale.PASS_FAIL else Decimal(indicator.max_score or 1)


def percent(indicators, values):
    """values: {indicator_id: Decimal}. Weighted share of the maximum, 0–100, rounded to 2 places."""
    if not indicators:
        return None
    weights = [Decimal(i.weight or 0) for i in indicators]
    if not any(weights):
        weights = [Decimal(1)] * len(indicators)
    total = sum(weights)
    got = sum(w * (Decimal(values.get(i.pk) or 0) / max_of(i)) for i, w in zip(indicators, weights, strict=True))
    return (got / total * HUNDRED).quantize(TWO_PLACES, ROUND_HALF_UP)


def summary(percents):
    """(mean, median) of the submitted totals, or (None, None) when there is none."""
    vals = [Decimal(p) for p in percents if p is not None]
    if not vals:
        return None, None
    mean = (sum(vals) / len(vals)).quantize(TWO_PLACES, ROUND_HALF_UP)
    return mean, Decimal(median(vals)).quantize(TWO_PLACES, ROUND_HALF_UP)


def pass_mark(standard_set):
    if standard_set is None or standard_set.min_percent is None:
        return Decimal(60)
    return Decimal(standard_set.min_percent)
