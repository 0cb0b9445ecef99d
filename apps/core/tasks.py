"""Thin tasks of the core: building any generated file, expiring them, the worker's ping."""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .generated import Unavailable, builder_for
from .models import GeneratedFile

log = logging.getLogger(__name__)

TIME_LIMIT = 300
SOFT_TIME_LIMIT = 270
# the file store down (disk, object store): tried again, then a Thai message on the row
RETRYABLE = (OSError, ConnectionError, BotoCoreError, ClientError)


def _progress(file_id, value):
    GeneratedFile.objects.filter(pk=file_id, status=GeneratedFile.Status.RUNNING).update(progress=value)


def _fail(file_id, message):
    GeneratedFile.objects.filter(pk=file_id).update(
        status=GeneratedFile.Status.FAILED, error=message, finished_at=timezone.now(), progress=0
    )


@shared_task(bind=True, acks_late=True, time_limit=TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT, max_retries=2)
def build_generated_file(self, file_id):
    """Build one GeneratedFile with the builder of its kind (apps.core.generated). A file is stored only once it
    is complete and the row says "done" only after that: a worker that dies mid-build leaves nothing to
    download, and the message is redelivered (acks_late). Failures end as a Thai message on the row."""
    gf = GeneratedFile.objects.select_related("content_type").filter(pk=file_id).first()
    if gf is None:
        log.info("generated file %s is gone; nothing to build", file_id)
        return None
    if gf.status == GeneratedFile.Status.DONE:
        return gf.pk  # a redelivered message after success
    claimed = GeneratedFile.objects.filter(
        pk=gf.pk,
        status__in=[GeneratedFile.Status.PENDING, GeneratedFile.Status.RUNNING, GeneratedFile.Status.FAILED],
    ).update(status=GeneratedFile.Status.RUNNING, progress=10, error="")
    if not claimed:
        return None
    if gf.file:  # a half-built leftover of a worker that died: never served, removed before we start again
        gf.file.delete(save=False)
        GeneratedFile.objects.filter(pk=gf.pk).update(file="")
    try:
        built = builder_for(gf.kind)(gf, lambda value: _progress(gf.pk, value))
        _progress(gf.pk, 90)
        # a folder of its own per row: two nodes building the same report at once never write the same name
        # (an object store would let the second put replace the first); saved whole or not at all
        stored = gf.file.storage.save(
            gf.file.field.generate_filename(gf, f"{gf.pk}/{built.name}"), ContentFile(built.content)
        )
    except Unavailable as exc:
        log.info("generated file %s (%s): %s", gf.pk, gf.kind, exc)
        _fail(gf.pk, exc.message or _("ไม่พบข้อมูลของเอกสารนี้แล้ว (อาจถูกลบไป)"))
        return None
    except SoftTimeLimitExceeded:
        log.warning("generated file %s: time limit", gf.pk)
        _fail(gf.pk, _("สร้างเอกสารไม่สำเร็จ: ใช้เวลานานเกินกำหนด กรุณาลองใหม่อีกครั้ง"))
        return None
    except RETRYABLE as exc:
        if self.request.retries < self.max_retries:
            log.warning("generated file %s: %s; retrying", gf.pk, exc)
            GeneratedFile.objects.filter(pk=gf.pk).update(status=GeneratedFile.Status.PENDING, progress=0)
            raise self.retry(exc=exc, countdown=5 * (self.request.retries + 1)) from exc
        log.exception("generated file %s failed", gf.pk)
        _fail(gf.pk, _("สร้างเอกสารไม่สำเร็จ: ระบบจัดเก็บไฟล์ขัดข้อง กรุณาลองใหม่อีกครั้ง"))
        return None
    except Exception:
        log.exception("generated file %s failed", gf.pk)
        _fail(gf.pk, _("สร้างเอกสารไม่สำเร็จ กรุณาลองใหม่อีกครั้ง หากยังไม่ได้โปรดแจ้งผู้ดูแลระบบ"))
        return None

    with transaction.atomic():
        done = GeneratedFile.objects.filter(pk=gf.pk, status=GeneratedFile.Status.RUNNING).update(
            status=GeneratedFile.Status.DONE,
            progress=100,
            file=stored,
            content_type_name=built.content_type,
            finished_at=timezone.now(),
            error="",
        )
    if not done:  # the row was removed or rebuilt meanwhile: do not leave an orphan file
        gf.file.storage.delete(stored)
        return None
    return gf.pk


@shared_task
def expire_generated_files():
    """Delete generated files past their expiry unless they belong to a submission snapshot."""
    n = 0
    for gf in GeneratedFile.objects.filter(keep=False, expires_at__lt=timezone.now()).iterator():
        if gf.file:
            gf.file.delete(save=False)
        gf.delete()
        n += 1
    log.info("expired %d generated files", n)
    return n


@shared_task
def ping(value="pong"):
    """Health of the worker path: the value comes back through the broker and result backend."""
    return value


@shared_task(acks_late=False, time_limit=6 * 3600, soft_time_limit=6 * 3600 - 60)
def backup_site():
    """The daily backup (apps.core.backup.schedule). A refusal or failure is logged, never retried (the next
    day's run or an operator takes over); failures and a missing BACKUP_KEY are also recorded as a BackupRun,
    while "another backup is running" is not (that one records itself)."""
    from .backup import BackupError
    from .backup.schedule import scheduled_backup

    try:
        return scheduled_backup()
    except BackupError as exc:
        log.warning("scheduled backup refused or failed: %s", exc)
        return None
