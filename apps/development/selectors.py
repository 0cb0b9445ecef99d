"""Read helpers of the development app that views, services and other apps call."""

from django.utils import timezone

from apps.core.thaidates import fiscal_year_of
from apps.registry.models import ProgrammeYear

from .models import Indicator, SelfAssessment, StandardSet


def standard_set_for(enrolment):
    """The standard set an enrolment is assessed against: the one its self-assessment already uses, else the
    newest published version for its year and target type. None when the province has none yet."""
    sa = SelfAssessment.objects.filter(enrolment=enrolment).select_related("standard_set").first()
    if sa is not None:
        return sa.standard_set
    return (
        StandardSet.objects.filter(
            year_id=enrolment.year_id, target_type=enrolment.unit.target_type, is_published=True
        )
        .order_by("-version")
        .first()
    )


def current_set(year, target_type):
    """Newest version (published or draft) of a year's set for a target type."""
    return StandardSet.objects.filter(year=year, target_type=target_type).order_by("-version").first()


def indicators_of(standard_set, active_only=True):
    qs = Indicator.objects.filter(component__standard_set=standard_set).select_related("component")
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("component__order", "component_id", "order", "pk")


def pick_year(user, wanted):
    """The programme year chosen by its pk (`wanted`, the ?year= value), else the current fiscal year of the
    user's province. Returns (year or None, the years the user may pick from)."""
    years = list(
        ProgrammeYear.objects.visible_to(user)
        .select_related("province")
        .order_by("-fiscal_year", "province_id")
    )
    if wanted and str(wanted).isdigit():
        for y in years:
            if y.pk == int(wanted):
                return y, years
    fy = fiscal_year_of(timezone.localdate())
    for y in years:
        if y.fiscal_year <= fy:
            return y, years
    return (years[0] if years else None), years
