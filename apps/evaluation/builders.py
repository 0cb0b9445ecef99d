"""Builders of the evaluation's generated files (apps.core.generated), registered in apps.py: the exemplar
PowerPoint (guideline 2.8) and the blank scoring sheets of a round (issue 18)."""

from django.utils.translation import gettext as _

from apps.core.generated import PPTX, Built, Unavailable

EXEMPLAR_KIND = "exemplar_pptx"
SHEETS_KIND = "scoring_sheets_pdf"


def exemplar_pptx(gf, progress):
    from .models import Exemplar
    from .slides import build

    exemplar = (
        Exemplar.objects.filter(pk=gf.object_id).select_related("enrolment__unit", "district", "year").first()
    )
    if exemplar is None:
        raise Unavailable()
    progress(20)
    return Built(build(exemplar), f"exemplar-{exemplar.district_id}-{exemplar.year.fiscal_year}.pptx", PPTX)


def scoring_sheets_pdf(gf, progress):
    """params: {"seat": seat pk} for one member's sheets, none for every member of the round's committee."""
    from .models import Round
    from .sheets import sheets_pdf

    rnd = Round.objects.filter(pk=gf.object_id).select_related("committee__year__province").first()
    if rnd is None:
        raise Unavailable()
    progress(10)
    seat_id = gf.params.get("seat")
    content = sheets_pdf(rnd, seat_id)
    if content is None:
        raise Unavailable(_("ไม่มีหน่วยนับที่กรรมการท่านนี้ต้องให้คะแนนในรอบนี้"))
    return Built(content, f"scoring-sheets-round{rnd.pk}{f'-seat{seat_id}' if seat_id else ''}.pdf")
