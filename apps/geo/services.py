from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.core.audit import audit

from .models import District, Zone, ZoneMembership


@transaction.atomic
def save_zone(province, fiscal_year, name, district_codes, *, by, zone=None):
    """Create or change a zone; a district sits in one zone per year (checked here and by the database)."""
    codes = list(dict.fromkeys(district_codes))
    if len(codes) != len(district_codes):
        raise ValidationError(_("เลือกอำเภอซ้ำในโซนเดียวกัน"))
    districts = list(District.objects.filter(code__in=codes, province=province))
    if len(districts) != len(codes):
        raise ValidationError(_("มีอำเภอที่ไม่อยู่ในจังหวัดนี้"))
    taken = (
        ZoneMembership.objects.filter(fiscal_year=fiscal_year, district__in=codes, zone__province=province)
        .exclude(zone=zone)
        .select_related("district", "zone")
    )
    if taken:
        raise ValidationError(
            [_("อำเภอ%(d)s อยู่ใน%(z)s แล้ว") % {"d": m.district.name_th, "z": m.zone.name} for m in taken]
        )
    before = None
    if zone is None:
        if Zone.objects.filter(province=province, fiscal_year=fiscal_year, name=name).exists():
            raise ValidationError(_("มีโซนชื่อนี้ในปีนี้แล้ว"))
        zone = Zone.objects.create(province=province, fiscal_year=fiscal_year, name=name)
    else:
        before = {
            "name": zone.name,
            "districts": sorted(zone.memberships.values_list("district_id", flat=True)),
        }
        zone.name = name
        try:
            with transaction.atomic():
                zone.save(update_fields=["name"])
        except IntegrityError:
            raise ValidationError(_("มีโซนชื่อนี้ในปีนี้แล้ว")) from None
        zone.memberships.exclude(district__in=codes).delete()
    have = set(zone.memberships.values_list("district_id", flat=True))
    ZoneMembership.objects.bulk_create(
        [
            ZoneMembership(zone=zone, district=d, fiscal_year=fiscal_year)
            for d in districts
            if d.code not in have
        ]
    )
    audit(by, "zone.saved", zone, before=before, after={"name": name, "districts": sorted(codes)})
    return zone


def copy_zones(province, from_year, to_year, *, by):
    for zone in Zone.objects.filter(province=province, fiscal_year=from_year).prefetch_related("memberships"):
        save_zone(province, to_year, zone.name, [m.district_id for m in zone.memberships.all()], by=by)


@transaction.atomic
def save_village(district, data, *, by, village=None):
    """Create or edit a village (หมู่ที่, name, model-village flag) of a district's subdistrict."""
    from .models import Village

    sub = data["subdistrict"]
    if sub.district_id != district.code:
        raise ValidationError({"subdistrict": _("ตำบลนี้ไม่อยู่ในอำเภอนี้")})
    before = None
    if village is None:
        village = Village(subdistrict=sub)
    else:
        before = {
            "subdistrict": village.subdistrict_id,
            "moo": village.moo,
            "name": village.name,
            "is_model_village": village.is_model_village,
        }
    village.subdistrict, village.moo = sub, data["moo"]
    village.name = data["name"].strip().removeprefix("บ้าน")
    village.is_model_village = bool(data.get("is_model_village"))
    try:
        with transaction.atomic():
            village.save()
    except IntegrityError:
        raise ValidationError(
            {"moo": _("ตำบล%(s)s มีหมู่ที่ %(m)s แล้ว") % {"s": sub.name_th, "m": data["moo"]}}
        ) from None
    audit(
        by,
        "village.saved",
        village,
        before=before,
        after={
            "subdistrict": sub.code,
            "moo": village.moo,
            "name": village.name,
            "is_model_village": village.is_model_village,
        },
    )
    return village
