import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.utils import timezone

from apps.core.models import GeneratedFile

log = logging.getLogger(__name__)


@shared_task
def build_exemplar_pptx(generated_id):
    """Build the exemplar PowerPoint of a GeneratedFile row (object = the Exemplar)."""
    from .models import Exemplar
    from .slides import build

    gf = GeneratedFile.objects.filter(pk=generated_id).first()
    if gf is None:
        log.info("generated file %s is gone", generated_id)
        return None
    exemplar = Exemplar.objects.filter(pk=gf.object_id).select_related("enrolment__unit", "district", "year").first()
    if exemplar is None:
        log.info("exemplar %s of generated file %s is gone", gf.object_id, generated_id)
        return None
    GeneratedFile.objects.filter(pk=gf.pk).update(status=GeneratedFile.Status.RUNNING, progress=10)
    try:
        data = build(exemplar)
    except Exception as exc:
        log.exception("exemplar pptx %s failed", generated_id)
        GeneratedFile.objects.filter(pk=gf.pk).update(status=GeneratedFile.Status.FAILED, error=str(exc)[:500])
        return None
    gf.file.save(f"exemplar-{exemplar.district_id}-{exemplar.year.fiscal_year}.pptx", ContentFile(data), save=False)
    gf.status, gf.progress, gf.finished_at = GeneratedFile.Status.DONE, 100, timezone.now()
    gf.save(update_fields=["file", "status", "progress", "finished_at"])
    return gf.pk
