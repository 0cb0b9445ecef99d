"""Score arithmetic of the committees: a member's total as a percentage, the mean and median of a unit's
totals, and the committee's suggested result. The arithmetic and the pass rule are the standards catalogue's
(apps.development.scoring): weights from Indicator.weight (equal when none is set), the scale from
Indicator.scale/max_score, the rule (mandatory indicators, min_percent, and/or) from the StandardSet."""

from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from apps.development import scoring as catalogue
from apps.development.models import Indicator, StandardSet

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def standard_set_for(enrolment):
    """The catalogue a unit is scored on: the latest published version for its year and target type."""
    return (
        StandardSet.objects.filter(
            year_id=enrolment.year_id, target_type=enrolment.unit.target_type, is_published=True
        )
        .order_by("-version")
        .first()
    )


def indicators_of(standard_set):
    return list(
        Indicator.objects.filter(component__standard_set=standard_set, is_active=True)
        .select_related("component")
        .order_by("component__order", "order", "pk")
    )


def max_of(indicator):
    return Decimal(1) if indicator.scale == Indicator.Scale.PASS_FAIL else Decimal(indicator.max_score or 1)


def percent(indicators, values):
    """values: {indicator_id: Decimal}. Weighted share of the maximum, 0–100, rounded to 2 places."""
    if not indicators:
        return None
    return catalogue.weighted_percent(indicators, {i.pk: values.get(i.pk) for i in indicators})


def summary(percents):
    """(mean, median) of the submitted totals, or (None, None) when there is none."""
    vals = [Decimal(p) for p in percents if p is not None]
    if not vals:
        return None, None
    mean = (sum(vals) / len(vals)).quantize(TWO_PLACES, ROUND_HALF_UP)
    return mean, Decimal(median(vals)).quantize(TWO_PLACES, ROUND_HALF_UP)


def indicator_means(rows):
    """rows: (indicator_id, value) of the submitted scorecards of one unit → {indicator_id: mean}. The mean is
    kept unrounded so that the pass score is compared exactly (2.99… stays below 3)."""
    acc = defaultdict(list)
    for indicator_id, value in rows:
        if value is not None:
            acc[indicator_id].append(Decimal(value))
    return {k: sum(v) / len(v) for k, v in acc.items()}


def committee_result(standard_set, indicators, means, mean_percent):
    """The committee's suggested result: the standard set's own pass rule (the one the self-assessment uses)
    on the mean score of each indicator, with the mean of the members' totals as the total."""
    return catalogue.judge(standard_set, indicators, means, percent=mean_percent)


def main_set_id(cards):
    """The standard set most of a unit's submitted scorecards were scored on (the first card's on a tie)."""
    ids = [c.standard_set_id for c in cards]
    if not ids:
        return None
    counts = Counter(ids)
    return max(ids, key=lambda i: (counts[i], -ids.index(i)))


def newest_published(year_ids):
    """{(year_id, target_type): StandardSet}: the newest published version of each, in one query."""
    out = {}
    for s in StandardSet.objects.filter(year_id__in=set(year_ids), is_published=True).order_by("-version"):
        out.setdefault((s.year_id, s.target_type), s)
    return out


def standard_sets(set_ids):
    return {s.pk: s for s in StandardSet.objects.filter(pk__in=set(set_ids))}


def active_indicators(set_ids):
    """{standard_set_id: [active indicators in order]} in one query."""
    out = {i: [] for i in set_ids}
    for ind in (
        Indicator.objects.filter(component__standard_set_id__in=set(set_ids), is_active=True)
        .select_related("component")
        .order_by("component__order", "order", "pk")
    ):
        out[ind.component.standard_set_id].append(ind)
    return out
