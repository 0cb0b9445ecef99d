"""Builder of the xlsx export of the unit list (apps.core.generated): built by the worker with the filters and
the permissions of the person who asked (the owner), so a national list of every unit needs no request to wait
for it and nothing is cut off. Registered in apps.py."""

from django.utils.translation import gettext as _

from apps.core.generated import XLSX, Built, Unavailable

from . import excel
from .filters import unit_filters

UNITS_KIND = "registry.units_xlsx"


def units_xlsx(gf, progress):
    owner = gf.owner
    if owner is None or not owner.is_active:
        raise Unavailable(_("ผู้ขอไฟล์นี้ไม่มีสิทธิ์ใช้งานแล้ว"))
    f = unit_filters(owner, gf.params.get("filters", {}))
    units = list(f["qs"])
    progress(60)
    year = f["year"].fiscal_year if f["year"] else "all"
    return Built(
        excel.export_xlsx(units, f["year"], owner), f"mchch-units-{f['district'] or 'all'}-{year}.xlsx", XLSX
    )
