"""Thin tasks of the public site: the printable profile, built by the worker (apps.public.documents)."""

from celery import shared_task


@shared_task(acks_late=True, time_limit=150, soft_time_limit=120)
def build_profile_pdf(pk, gen, lang):
    from .documents import store

    return store(gen, lang, pk)
