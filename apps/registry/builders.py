"""Builder of the xlsx export of the unit list (apps.core.generated): built by the worker with the filters and
the permissions of the person who asked (the owner), so a national list of every unit needs no request to wait
for it and nothing is cut off. Registered in apps.py."""

from django.utils.translation import gettext as _

from apps.core.generated import PDF, XLSX, Built, Unavailable

from . import excel
from .filters import unit_filters

UNITS_KIND = "registry.units_xlsx"
ACCESS_JSON = "registry.subject_access_json"
ACCESS_PDF = "registry.subject_access_pdf"


def units_xlsx(gf, progress):
    owner = gf.owner
    if owner is None or not owner.is_active:
        raise Unavailable(_("ผู้ขอไฟล์นี้ไม่มีสิทธิ์ใช้งานแล้ว"))
    f = unit_filters(owner, gf.params.get("filters", {}))
    units = list(f["qs"])
    progress(60)
    year = f["year"].fiscal_year if f["year"] else "all"
    return Built(
        excel.export_xlsx(units, f["year"], owner, full_ids=bool(gf.params.get("full_ids"))),
        f"mchch-units-{f['district'] or 'all'}-{year}.xlsx",
        XLSX,
    )


# --- the access copy of a data subject's request (issue 19 item 4) -----------------------------------------


def _request_of(gf):
    from .models import DataRequest

    req = DataRequest.objects.select_related("unit").filter(pk=gf.object_id or 0).first()
    if req is None:
        raise Unavailable(_("ไม่พบคำขอนี้แล้ว"))
    return req


def _everything(req):
    from apps.core.personaldata import export_all

    from .personal import subject_of

    return export_all(subject_of(req.unit))


def _json(value):
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def subject_access_json(gf, progress):
    """Machine-readable: every holder's data as JSON (UTF-8), with who asked and when it was made."""
    from django.utils import timezone

    req = _request_of(gf)
    data = _everything(req)
    progress(80)
    doc = {"request": {"id": req.pk, "received_on": req.received_on, "made_at": timezone.now()}, "held": data}
    return Built(_json(doc).encode("utf-8"), f"personal-data-{req.pk}.json", "application/json")


def _rows(value, prefix=""):
    """Flatten nested dicts/lists into (path, text) rows for the PDF."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _rows(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(value, list):
        if not value:
            yield prefix, "—"
        for i, v in enumerate(value, 1):
            yield from _rows(v, f"{prefix}[{i}]")
    else:
        yield prefix, "—" if value in (None, "") else str(value)


def subject_access_pdf(gf, progress):
    """The same copy, readable: one table per holder, in Thai with B.E. dates on the cover."""
    from django.utils import timezone

    from apps.core.pdf import render_pdf

    req = _request_of(gf)
    data = _everything(req)
    progress(60)
    sections = [{"label": v["label"], "rows": list(_rows(v["data"]))} for v in data.values()]
    pdf = render_pdf(
        "registry/pdf/subject_access.html", {"req": req, "sections": sections, "today": timezone.localdate()}
    )
    return Built(pdf, f"personal-data-{req.pk}.pdf", PDF)
