"""visible_to(user): the querysets the development models are managed by (selectors.py builds on them)."""

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
