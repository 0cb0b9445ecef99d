import logging

from celery import shared_task
from django.utils import timezone

from .models import GeneratedFile

log = logging.getLogger(__name__)


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
