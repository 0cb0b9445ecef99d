"""The printable PDFs of a unit's self-assessment and self-development plan, and the xlsx of a standards set:
built by the worker (apps.core.generated, builders below), never inside a request."""

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.generated import XLSX, Built, Unavailable
from apps.core.pdf import render_pdf

ASSESSMENT_KIND = "development.assessment_pdf"
PLAN_KIND = "development.plan_pdf"
STANDARDS_KIND = "development.standards_xlsx"


def _enrolment(gf):
    from apps.registry.models import Enrolment

    e = (
        Enrolment.objects.select_related("unit__district", "unit__village", "year__province", "mentor")
        .filter(pk=gf.params.get("enrolment_id"))
        .first()
    )
    if e is None:
        raise Unavailable()
    return e


def assessment_pdf(e):
    from .pages import unit_page_data

    data = unit_page_data(e)
    answers = {a.indicator_id: a for a in data["sa"].answers.all()} if data["sa"] else {}
    rows, last = [], None
    for i in data["indicators"]:
        rows.append({"i": i, "a": answers.get(i.pk), "new_component": i.component_id != last})
        last = i.component_id
    return render_pdf(
        "development/pdf/assessment.html",
        {
            "e": e,
            **data,
            "rows": rows,
            "today": timezone.localdate(),
            "sign_roles": [
                _("ผู้แทนหน่วยนับ (ประธาน/ผู้นำ)"),
                _("ผู้ร่วมประเมิน"),
                _("พัฒนากรผู้รับผิดชอบ"),
                _("พัฒนาการอำเภอ"),
            ],
        },
    )


def plan_pdf(e):
    """None when the unit has no plan yet."""
    from .pages import unit_page_data

    data = unit_page_data(e)
    if data["plan"] is None:
        return None
    acts = list(data["plan"].activities.all())
    return render_pdf(
        "development/pdf/plan.html",
        {
            "e": e,
            **data,
            "activities": acts,
            "total_budget": sum(a.budget for a in acts),
            "today": timezone.localdate(),
            "sign_roles": [
                _("ผู้เสนอแผน (ประธาน/ผู้นำหน่วยนับ)"),
                _("ผู้รับรอง (ที่ประชุมหน่วยนับ)"),
                _("พัฒนากรผู้รับผิดชอบ"),
                _("พัฒนาการอำเภอ"),
            ],
        },
    )


def build_assessment_pdf(gf, progress):
    e = _enrolment(gf)
    progress(30)
    return Built(assessment_pdf(e), f"self-assessment-{e.pk}.pdf")


def build_plan_pdf(gf, progress):
    e = _enrolment(gf)
    progress(30)
    pdf = plan_pdf(e)
    if pdf is None:
        raise Unavailable(_("ยังไม่มีแผนพัฒนาตนเอง"))
    return Built(pdf, f"plan-{e.pk}.pdf")


def build_standards_xlsx(gf, progress):
    from . import xlsx
    from .models import StandardSet

    s = StandardSet.objects.select_related("year").filter(pk=gf.params.get("standard_set_id")).first()
    if s is None:
        raise Unavailable()
    progress(30)
    return Built(
        xlsx.export_set(s), f"standards-{s.year.fiscal_year}-{s.target_type}-v{s.version}.xlsx", XLSX
    )
