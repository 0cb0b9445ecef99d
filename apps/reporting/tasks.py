"""Background builds of report PDFs. Tasks take ids, re-fetch, and return with a log line when the object
is gone. A file is stored only once it is complete, and the row says "done" only after that: a worker
that dies mid-build leaves nothing to download, and the message is redelivered (acks_late)."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.models import GeneratedFile

log = logging.getLogger(__name__)

TIME_LIMIT = 180
SOFT_TIME_LIMIT = 150
RETRYABLE = (OSError, ConnectionError)


def _progress(file_id, value):
    GeneratedFile.objects.filter(pk=file_id, status=GeneratedFile.Status.RUNNING).update(progress=value)


def _fail(gf, message):
    GeneratedFile.objects.filter(pk=gf.pk).update(
        status=GeneratedFile.Status.FAILED, error=message, finished_at=timezone.now(), progress=0
    )


def _build(gf):
    """(bytes, file name) for a generated file, by its kind. Raises LookupError when its object is gone."""
    from . import documents, services
    from .models import Submission

    progress = lambda v: _progress(gf.pk, v)  # noqa: E731
    if gf.kind in (services.PDF_KIND, services.PREVIEW_KIND):
        sub = (Submission.objects.select_related("year__province", "district")
               .filter(pk=gf.params.get("submission_id")).first())
        if sub is None:
            raise LookupError("submission gone")
        if gf.kind == services.PDF_KIND:
            if not sub.snapshot:
                raise LookupError("submission has no snapshot")
            snap, preview = sub.snapshot, False
        else:
            from .snapshot import build_snapshot

            snap, preview = build_snapshot(sub.year, sub.district, sub.kind), True
        progress(20)
        pdf = documents.submission_pdf(snap, submission=sub, preview=preview, progress=progress)
        return pdf, f"report-{sub.district_id}-{sub.year.fiscal_year}-{sub.kind}-v{sub.version}.pdf"
    if gf.kind == services.SUMMARY_KIND:
        from apps.registry.models import ProgrammeYear

        from .selectors import province_summary

        year = ProgrammeYear.objects.select_related("province").filter(pk=gf.params.get("year_id")).first()
        if year is None:
            raise LookupError("programme year gone")
        progress(20)
        pdf = documents.province_summary_pdf(province_summary(year), progress=progress)
        return pdf, f"summary-{year.province_id}-{year.fiscal_year}.pdf"
    raise LookupError(f"unknown kind {gf.kind}")


@shared_task(bind=True, acks_late=True, time_limit=TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT, max_retries=2)
def build_generated_file(self, file_id):
    """Build one GeneratedFile (report PDF, preview or province summary)."""
    gf = GeneratedFile.objects.filter(pk=file_id).first()
    if gf is None:
        log.info("generated file %s is gone; nothing to build", file_id)
        return None
    if gf.status == GeneratedFile.Status.DONE:
        return gf.pk  # a redelivered message after success
    claimed = GeneratedFile.objects.filter(
        pk=gf.pk, status__in=[GeneratedFile.Status.PENDING, GeneratedFile.Status.RUNNING, GeneratedFile.Status.FAILED]
    ).update(status=GeneratedFile.Status.RUNNING, progress=10, error="")
    if not claimed:
        return None
    if gf.file:  # a half-built leftover of a worker that died: never served, removed before we start again
        gf.file.delete(save=False)
        GeneratedFile.objects.filter(pk=gf.pk).update(file="")
    try:
        content, name = _build(gf)
        _progress(gf.pk, 90)
        stored = gf.file.storage.save(gf.file.field.generate_filename(gf, name), ContentFile(content))
    except LookupError as exc:
        log.info("generated file %s: %s", gf.pk, exc)
        _fail(gf, _("ไม่พบข้อมูลของเอกสารนี้แล้ว (อาจถูกลบไป)"))
        return None
    except SoftTimeLimitExceeded:
        log.warning("generated file %s: time limit", gf.pk)
        _fail(gf, _("สร้างเอกสารไม่สำเร็จ: ใช้เวลานานเกินกำหนด กรุณาลองใหม่อีกครั้ง"))
        return None
    except RETRYABLE as exc:
        if self.request.retries < self.max_retries:
            log.warning("generated file %s: %s; retrying", gf.pk, exc)
            GeneratedFile.objects.filter(pk=gf.pk).update(status=GeneratedFile.Status.PENDING, progress=0)
            raise self.retry(exc=exc, countdown=5 * (self.request.retries + 1)) from exc
        log.exception("generated file %s failed", gf.pk)
        _fail(gf, _("สร้างเอกสารไม่สำเร็จ: ระบบจัดเก็บไฟล์ขัดข้อง กรุณาลองใหม่อีกครั้ง"))
        return None
    except Exception:
        log.exception("generated file %s failed", gf.pk)
        _fail(gf, _("สร้างเอกสารไม่สำเร็จ กรุณาลองใหม่อีกครั้ง หากยังไม่ได้โปรดแจ้งผู้ดูแลระบบ"))
        return None

    with transaction.atomic():
        done = GeneratedFile.objects.filter(pk=gf.pk, status=GeneratedFile.Status.RUNNING).update(
            status=GeneratedFile.Status.DONE, progress=100, file=stored, content_type_name="application/pdf",
            finished_at=timezone.now(), error="",
        )
    if not done:  # the row was removed or rebuilt meanwhile: do not leave an orphan file
        gf.file.storage.delete(stored)
        return None
    return gf.pk
