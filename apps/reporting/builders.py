"""Builders of the report PDFs (apps.core.generated): a district's report from its frozen snapshot, a preview of
live data, the province's annual summary. Registered in apps.py; built by apps.core.tasks.build_generated_file."""

from apps.core.generated import Built, Unavailable


def _submission(gf):
    from .models import Submission

    sub = (
        Submission.objects.select_related("year__province", "district")
        .filter(pk=gf.params.get("submission_id"))
        .first()
    )
    if sub is None:
        raise Unavailable()
    return sub


def submission_pdf(gf, progress):
    from . import documents

    sub = _submission(gf)
    if not sub.snapshot:
        raise Unavailable()
    progress(20)
    pdf = documents.submission_pdf(sub.snapshot, submission=sub, preview=False, progress=progress)
    return Built(pdf, f"report-{sub.district_id}-{sub.year.fiscal_year}-{sub.kind}-v{sub.version}.pdf")


def preview_pdf(gf, progress):
    from . import documents
    from .snapshot import build_snapshot

    sub = _submission(gf)
    progress(20)
    pdf = documents.submission_pdf(
        build_snapshot(sub.year, sub.district, sub.kind), submission=sub, preview=True, progress=progress
    )
    return Built(pdf, f"report-{sub.district_id}-{sub.year.fiscal_year}-{sub.kind}-v{sub.version}.pdf")


def province_summary_pdf(gf, progress):
    from apps.registry.models import ProgrammeYear

    from . import documents
    from .selectors import province_summary

    year = ProgrammeYear.objects.select_related("province").filter(pk=gf.params.get("year_id")).first()
    if year is None:
        raise Unavailable()
    progress(20)
    pdf = documents.province_summary_pdf(province_summary(year), progress=progress)
    return Built(pdf, f"summary-{year.province_id}-{year.fiscal_year}.pdf")


def _national(gf):
    """The national overview of the fiscal year, over the provinces the file's owner reads."""
    from apps.geo.models import Province

    from .national import national_overview

    owner = gf.owner
    fy = gf.params.get("fiscal_year")
    if owner is None or not owner.is_active or not owner.has_perm("reporting.view_national") or not fy:
        raise Unavailable()
    return national_overview(int(fy), Province.objects.visible_to(owner).order_by("code"))


def national_summary_pdf(gf, progress):
    from . import documents

    data = _national(gf)
    progress(30)
    pdf = documents.national_summary_pdf(data, progress=progress)
    return Built(pdf, f"national-summary-{data['fiscal_year']}.pdf")


def national_summary_xlsx(gf, progress):
    from apps.core.generated import XLSX

    from . import documents

    data = _national(gf)
    progress(50)
    return Built(documents.national_summary_xlsx(data), f"national-summary-{data['fiscal_year']}.xlsx", XLSX)


def submission_xlsx(gf, progress):
    """A district's report as xlsx: the frozen snapshot once sent, else live data (as the page shows)."""
    from apps.core.generated import XLSX
    from apps.registry.models import ProgrammeYear

    from . import documents
    from .models import Submission
    from .snapshot import build_snapshot

    p = gf.params
    year = ProgrammeYear.objects.filter(pk=p.get("year_id")).first()
    if year is None:
        raise Unavailable()
    sub = Submission.objects.filter(year=year, district_id=p.get("district"), kind=p.get("kind")).first()
    progress(30)
    if sub is not None and sub.snapshot and not sub.is_editable:
        snap = sub.snapshot
    else:
        from apps.geo.models import District

        district = District.objects.filter(pk=p.get("district")).first()
        if district is None:
            raise Unavailable()
        snap = build_snapshot(year, district, p.get("kind"))
    progress(60)
    return Built(
        documents.submission_xlsx(snap),
        f"report-{p.get('district')}-{year.fiscal_year}-{p.get('kind')}.xlsx",
        XLSX,
    )


def review_xlsx(gf, progress):
    """The province's review grid (report state per district, counts, deadlines) as xlsx."""
    from django.utils.translation import gettext as _

    from apps.core.generated import XLSX
    from apps.core.thaidates import format_date
    from apps.registry.models import ProgrammeYear

    from . import documents
    from .selectors import review_grid

    year = ProgrammeYear.objects.filter(pk=gf.params.get("year_id")).first()
    if year is None:
        raise Unavailable()
    progress(30)
    grid = review_grid(year)
    header = [_("อำเภอ")] + [str(c["kind"].label) for c in grid["columns"]]
    rows = []
    for r in grid["rows"]:
        line = [r["district"].name_th]
        for c in r["cells"]:
            text = str(c["label"])
            if c["sub"] is not None and c["sub"].days_late:
                text += _(" (ช้า %(n)s วัน)") % {"n": c["sub"].days_late}
            line.append(text)
        rows.append(line)
    counts = [[str(s["label"]), s["n"]] for s in grid["summary"]]
    deadlines = [
        [str(c["kind"].label), format_date(c["deadline"].due_on) if c["deadline"] else ""]
        for c in grid["columns"]
    ]
    body = documents.tables_xlsx(
        [
            (_("สถานะรายงาน"), header, rows),
            (_("สรุปจำนวน"), [_("สถานะ"), _("จำนวน")], counts),
            (_("กำหนดส่ง"), [_("รายงาน"), _("กำหนดส่ง")], deadlines),
        ]
    )
    return Built(body, f"review-{year.province_id}-{year.fiscal_year}.xlsx", XLSX)


def dashboard_xlsx(gf, progress):
    """The dashboard's tables as xlsx, with the owner's scope and the filters the page had."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from apps.core.generated import XLSX

    from . import documents
    from .dashboard import dashboard_tables

    owner = gf.owner
    if owner is None or not owner.is_active or not owner.has_perm("reporting.view_dashboard"):
        raise Unavailable()
    progress(20)
    try:
        data, sheets = dashboard_tables(owner, gf.params.get("query"))
    except (Http404, PermissionDenied):
        raise Unavailable() from None
    if data is None:
        raise Unavailable()
    progress(70)
    return Built(
        documents.tables_xlsx(sheets),
        f"dashboard-{data['province'].code}-{data['year'].fiscal_year}.xlsx",
        XLSX,
    )
