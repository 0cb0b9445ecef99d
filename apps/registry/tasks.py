"""Thin tasks of the registry: the daily retention listing (issue 19 item 5)."""

from celery import shared_task


@shared_task
def list_expired_personal_data():
    from .services_retention import review_all

    return sum(1 for r in review_all() if r is not None)
