"""Photos of stage work, stored as apps.registry.models.Photo (checked by the one upload validator first)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.forms import validate_upload
from apps.registry.models import Photo

MAX_PHOTOS = 10


def save_photos(files, *, enrolment, stage, caption, taken_on, by):
    files = [f for f in files or [] if f]
    if len(files) > MAX_PHOTOS:
        raise ValidationError(_("แนบรูปได้ครั้งละไม่เกิน %(n)s รูป") % {"n": MAX_PHOTOS})
    for f in files:  # check all before saving any
        validate_upload(f, "image")
    return [
        Photo.objects.create(district_id=enrolment.unit.district_id, year_id=enrolment.year_id, unit_id=enrolment.unit_id,
                             stage=stage, image=f, caption=caption[:255], taken_on=taken_on, uploaded_by=by)
        for f in files
    ]
