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
