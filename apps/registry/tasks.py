"""Thin tasks of the registry: the daily retention listing (issue 19 item 5), the thumbnails of new photos."""

from celery import shared_task


@shared_task
def list_expired_personal_data():
    from .services_retention import review_all

    return sum(1 for r in review_all() if r is not None)


@shared_task(acks_late=True)
def make_photo_thumbnails(photo_ids):
    """The thumbnails of photos just uploaded (queued on commit); a photo that already has one, or is gone, is
    skipped, so a retried task does nothing twice. The thumbnail view still makes one lazily if this never ran."""
    from .services_stage1 import make_thumbnails

    return make_thumbnails(photo_ids)
