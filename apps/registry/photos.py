"""Serving a photo's file once the caller has found the photo through its own access check."""

import logging

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404

from apps.core.objectstore import serve

from .services_stage1 import ensure_thumbnail

log = logging.getLogger(__name__)


def photo_file_response(photo, *, thumb=False, content_type=None, cache_control=None):
    """The image of a photo, or its thumbnail (made once when the photo has none yet); 404 when the file is
    missing or cannot be decoded."""
    try:
        field = ensure_thumbnail(photo) if thumb else photo.image
        return serve(
            field,
            content_type="image/jpeg" if thumb else content_type,
            embedded=True,
            cache_control=cache_control,
        )
    except (FileNotFoundError, ValueError, ObjectDoesNotExist):
        raise Http404 from None
    except ValidationError:
        log.warning("photo %s: no thumbnail, the image cannot be decoded", photo.pk)
        raise Http404 from None
