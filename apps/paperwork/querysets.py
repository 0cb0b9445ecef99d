"""visible_to(user): the offices and documents a user may read: province staff, national viewers and admins of
the province; a district officer their own district office's."""

from django.db import models


def _q(user, prefix=""):
    scope = user.scope
    provinces = scope.staff_province_ids | scope.national_province_ids
    return models.Q(**{f"{prefix}province_id__in": provinces}) | models.Q(
        **{f"{prefix}district_id__in": scope.district_ids}
    )


class OfficeQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.scope.all_provinces:
            return self.all()
        return self.filter(_q(user))


class NumberQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.scope.all_provinces:
            return self.all()
        return self.filter(_q(user, "office__"))


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.scope.all_provinces:
            return self.all()
        return self.filter(_q(user, "office__"))
