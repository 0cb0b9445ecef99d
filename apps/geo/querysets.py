from django.db import models


class ProvinceQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(code__in=scope.readable_province_ids)


class DistrictQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(
            models.Q(province_id__in=scope.readable_province_ids) | models.Q(code__in=scope.district_ids)
        )


class ZoneQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(
            models.Q(province_id__in=scope.readable_province_ids) | models.Q(pk__in=scope.zone_ids)
        )


class VillageQuerySet(models.QuerySet):
    """Villages are district data (DESIGN §7): the district's people and the province's readers see them."""

    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(
            models.Q(
                subdistrict__district__province_id__in=scope.staff_province_ids | scope.national_province_ids
            )
            | models.Q(subdistrict__district_id__in=scope.district_ids | scope.district_committee_ids)
        )
