import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.utils import timezone

from apps.core.models import GeneratedFile

log = logging.getLogger(__name__)


def _certificates_for(gf):
    from apps.registry.models import ProgrammeYear

    from .models import Certificate

    qs = Certificate.objects.select_related("unit__district__province", "unit__subdistrict", "unit__village",
                                            "year__province")
    model = gf.content_type.model_class() if gf.content_type_id else None
    if model is Certificate:
        return list(qs.filter(pk=gf.object_id))
    if model is ProgrammeYear:
        qs = qs.filter(year_id=gf.object_id, revoked_at__isnull=True).order_by("seq")
        if gf.params.get("district"):
            qs = qs.filter(unit__district_id=gf.params["district"])
        return list(qs)
    return None


@shared_task
def build_certificates_pdf(file_id):
    """Build the PDF of one certificate or of all certificates of a year into a GeneratedFile."""
    from .pdf import render_certificates_pdf

    gf = GeneratedFile.objects.filter(pk=file_id).select_related("content_type").first()
    if gf is None:
        log.info("generated file %s is gone; nothing to build", file_id)
        return None
    certs = _certificates_for(gf)
    if not certs:
        log.info("no certificates for generated file %s", file_id)
        gf.status, gf.error, gf.finished_at = GeneratedFile.Status.FAILED, "ไม่พบใบรับรองที่จะพิมพ์", timezone.now()
        gf.save(update_fields=["status", "error", "finished_at"])
        return None
    gf.status, gf.progress = GeneratedFile.Status.RUNNING, 10
    gf.save(update_fields=["status", "progress"])
    try:
        pdf = render_certificates_pdf(certs)
    except Exception as exc:  # the person waiting sees a Thai message instead of an endless spinner
        log.exception("certificate pdf %s failed", file_id)
        gf.status, gf.error, gf.finished_at = GeneratedFile.Status.FAILED, str(exc)[:500], timezone.now()
        gf.save(update_fields=["status", "error", "finished_at"])
        return None
    name = f"certificates-{gf.token}.pdf"
    gf.file.save(name, ContentFile(pdf), save=False)
    gf.status, gf.progress, gf.finished_at = GeneratedFile.Status.DONE, 100, timezone.now()
    gf.save(update_fields=["file", "status", "progress", "finished_at"])
    return gf.pk
