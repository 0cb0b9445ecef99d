"""Builder of the exemplar PowerPoint (apps.core.generated): the unit's data and photos for the provincial
committee in August (guideline 2.8). Registered in apps.py."""

from apps.core.generated import PPTX, Built, Unavailable

EXEMPLAR_KIND = "exemplar_pptx"


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
