"""visible_to(user) querysets and the read helpers other apps call."""

from django.db import models


def _enrolment_q(user, prefix):
    """Q for rows hanging off an enrolment at `prefix` (e.g. "enrolment__"): province readers see the
    province, district officers and district committees their district."""
    scope = user.scope
    return models.Q(
        **{f"{prefix}year__province_id__in": scope.staff_province_ids | scope.national_province_ids}
    ) | (models.Q(**{f"{prefix}unit__district_id__in": scope.district_ids | scope.district_committee_ids}))


class StandardSetQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(year__province_id__in=scope.readable_province_ids)

    def published(self):
        return self.filter(is_published=True)


class StandardChildQuerySet(models.QuerySet):
    """Components and indicators: visible with their set."""

    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        path = "standard_set" if self.model._meta.model_name == "component" else "component__standard_set"
        return self.filter(**{f"{path}__year__province_id__in": scope.readable_province_ids})


class EnrolmentChildQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.scope.all_provinces:
            return self.all()
        return self.filter(_enrolment_q(user, "enrolment__"))


def standard_set_for(enrolment):
    """The standard set an enrolment is assessed against: the one its self-assessment already uses, else the
    newest published version for its year and target type. None when the province has none yet."""
    from .models import SelfAssessment, StandardSet

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
    from .models import StandardSet

    return StandardSet.objects.filter(year=year, target_type=target_type).order_by("-version").first()


def indicators_of(standard_set, active_only=True):
    from .models import Indicator

    qs = Indicator.objects.filter(component__standard_set=standard_set).select_related("component")
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("component__order", "component_id", "order", "pk")
