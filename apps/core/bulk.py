"""Helpers for bulk writes of synthetic history (the seed_scale steps)."""

import datetime as dt
from contextlib import contextmanager

from django.utils import timezone


@contextmanager
def given_timestamps(*fields):
    """Inside the block, saving and bulk_create keep the values given for these auto_now / auto_now_add fields
    (rows dated in the past) instead of stamping them with the current time. Every row must then set them."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def fields_of(model, *names):
    return [model._meta.get_field(n) for n in names]


def at(day, hour=10, minute=0):
    """An aware datetime on `day` in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
