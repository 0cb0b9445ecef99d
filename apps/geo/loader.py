"""Load the whole country's provinces, districts and subdistricts from geothai (offline). Idempotent."""

import geothai


def set_abbreviations(Province):
    """The official abbreviations (apps.geo.abbreviations), where the model has the field (migration 0003 on)."""
    from .abbreviations import ABBREVIATIONS

    if not any(f.name == "abbr" for f in Province._meta.get_fields()):
        return
    for code, abbr in ABBREVIATIONS.items():
        Province.objects.filter(code=code).exclude(abbr=abbr).update(abbr=abbr)


def load_geography(Province, District, Subdistrict):
    provinces = {p.code: p for p in geothai.provinces()}
    existing_p = set(Province.objects.values_list("code", flat=True))
    Province.objects.bulk_create(
        [
            Province(code=c, name_th=p.name_th, name_en=p.name_en)
            for c, p in provinces.items()
            if c not in existing_p
        ]
    )
    set_abbreviations(Province)
    existing_d = set(District.objects.values_list("code", flat=True))
    existing_s = set(Subdistrict.objects.values_list("code", flat=True))
    districts, subdistricts = [], []
    for pcode in provinces:
        for d in geothai.districts(pcode):
            if d.code not in existing_d:
                districts.append(
                    District(code=d.code, province_id=pcode, name_th=d.name_th, name_en=d.name_en)
                )
            for s in geothai.subdistricts(d.code):
                if s.code not in existing_s:
                    subdistricts.append(
                        Subdistrict(
                            code=s.code,
                            district_id=d.code,
                            name_th=s.name_th,
                            name_en=s.name_en,
                            postal_code=(s.postal_codes or [""])[0],
                        )
                    )
    District.objects.bulk_create(districts, batch_size=1000)
    Subdistrict.objects.bulk_create(subdistricts, batch_size=1000)
    return len(provinces), Province.objects.count(), District.objects.count(), Subdistrict.objects.count()
