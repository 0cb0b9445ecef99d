"""Photos of stage work, stored as apps.registry.models.Photo: re-encoded without EXIF (GPS, camera) and with a
thumbnail, exactly as the registry's upload does (apps.registry.services_stage1)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.registry.models import Photo
from apps.registry.services_stage1 import photo_files, store_photo_files

MAX_PHOTOS = 10


def save_photos(files, *, enrolment, stage, caption, taken_on, by):
    files = [f for f in files or [] if f]
    if len(files) > MAX_PHOTOS:
        raise ValidationError(_("แนบรูปได้ครั้งละไม่เกิน %(n)s รูป") % {"n": MAX_PHOTOS})
    prepared = [photo_files(f) for f in files]  # check and re-encode all before saving any
    photos = []
    for pair in prepared:
        p = Photo(
            district_id=enrolment.unit.district_id,
            year_id=enrolment.year_id,
            unit_id=enrolment.unit_id,
            stage=stage,
            caption=caption[:255],
            taken_on=taken_on,
            uploaded_by=by,
        )
        store_photo_files(p, pair)
        p.save()
        photos.append(p)
    return photos
