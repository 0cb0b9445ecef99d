"""visible_to(user): the only way views and exports find registry objects."""

from django.db import models


def _province_readers_q(user, field):
    """Q for province-wide readers (staff, national viewers); `field` is the path to a province code."""
    scope = user.scope
    ids = scope.staff_province_ids | scope.national_province_ids
    return models.Q(**{f"{field}__in": ids})


class ProgrammeYearQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(province_id__in=scope.readable_province_ids)

    def current_for(self, province_id, today=None):
        from django.utils import timezone

        from apps.core.thaidates import fiscal_year_of

        fy = fiscal_year_of(today or timezone.localdate())
        return self.filter(province_id=province_id, fiscal_year__lte=fy).order_by("-fiscal_year").first()


class YearChildQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(year__province_id__in=scope.readable_province_ids)


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(
            _province_readers_q(user, "district__province_id")
            | models.Q(district_id__in=scope.district_ids | scope.district_committee_ids)
        )

    def with_national_ids(self, national_ids):
        """Units holding any of these (normalised) national IDs: the column is sealed, so this looks up the
        keyed hash (apps.core.fieldcrypt)."""
        from apps.core.fieldcrypt import lookup_hashes

        hashes = [h for nid in national_ids for h in lookup_hashes(nid, "national_id")]
        return self.filter(national_id_hash__in=hashes) if hashes else self.none()


class EnrolmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(
            _province_readers_q(user, "year__province_id")
            | models.Q(unit__district_id__in=scope.district_ids | scope.district_committee_ids)
        )
