"""Stage 1 records, partners and photos of a district-year: validate, write, audit."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from apps.core.audit import audit, snapshot
from apps.core.forms import validate_upload
from apps.core.privacy import validate_publishable
from apps.core.queue import enqueue

from .images import reencode_image, thumbnail_image
from .models import Partner, Photo, PreparationRecord

RECORD_FIELDS = ["kind", "title", "held_on", "place", "attendees", "attendees_count", "resolutions"]
PARTNER_FIELDS = ["kind", "name", "contact", "support"]
MAX_PHOTOS_PER_UPLOAD = 20
THUMBNAIL_TASK = "apps.registry.tasks.make_photo_thumbnails"


def _check_year(district, year):
    if year.province_id != district.province_id:
        raise ValidationError(_("ปีงบประมาณนี้เป็นของจังหวัดอื่น"))


def _record_values(data):
    nullable = {"held_on", "attendees_count"}
    return {f: data.get(f) if data.get(f) is not None or f in nullable else "" for f in RECORD_FIELDS}


@transaction.atomic
def save_record(district, year, data, *, by, record=None, version=None, file=None, client_id=None):
    """Create or edit a stage 1 record; an edit made on an old version is refused (optimistic concurrency)."""
    _check_year(district, year)
    if file:
        validate_upload(file, "document")
    if record is None:
        record = PreparationRecord(district=district, year=year, created_by=by, client_id=client_id)
        for f, v in _record_values(data).items():
            setattr(record, f, v)
        if file:
            record.file.save(f"{uuid.uuid4().hex}_{file.name[-60:]}", file, save=False)
        record.full_clean(exclude=["created_by", "file"])
        record.save()
        audit(by, "stage1.record_created", record, after=snapshot(record, RECORD_FIELDS))
        return record
    before = snapshot(record, RECORD_FIELDS)
    values = _record_values(data)
    if file:
        name = record.file.storage.save(
            record.file.field.generate_filename(record, f"{uuid.uuid4().hex}_{file.name[-60:]}"), file
        )
        values["file"] = name
    n = PreparationRecord.objects.filter(pk=record.pk, version=version).update(
        version=F("version") + 1, **values
    )
    if n == 0:
        raise ValidationError(_("มีผู้อื่นแก้ไขบันทึกนี้ไปแล้วระหว่างที่คุณแก้ไข กรุณาเปิดหน้าใหม่แล้วแก้ไขอีกครั้ง"), code="conflict")
    record.refresh_from_db()
    audit(by, "stage1.record_updated", record, before=before, after=snapshot(record, RECORD_FIELDS))
    return record


@transaction.atomic
def save_partner(district, year, data, *, by, partner=None):
    _check_year(district, year)
    before = snapshot(partner, PARTNER_FIELDS) if partner else None
    partner = partner or Partner(district=district, year=year, created_by=by)
    for f in PARTNER_FIELDS:
        setattr(partner, f, data.get(f) or "")
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError:
        raise ValidationError({"name": _("มีภาคีชื่อนี้ในปีนี้แล้ว")}) from None
    audit(by, "stage1.partner_saved", partner, before=before, after=snapshot(partner, PARTNER_FIELDS))
    return partner


def photo_files(f):
    """The re-encoded image of an upload and its thumbnail, both checked and made before anything is written."""
    content = reencode_image(f)
    return content, thumbnail_image(content)


def store_photo_files(photo, pair):
    """Write the (image, thumbnail) of photo_files() on an unsaved Photo; the caller saves the row."""
    content, thumb = pair
    photo.image.save(content.name, content, save=False)
    photo.thumbnail.save(thumb.name, thumb, save=False)
    photo.thumb_width, photo.thumb_height = thumb.width, thumb.height


@transaction.atomic
def upload_photos(district, year, files, *, by, caption, stage, unit=None, taken_on=None, is_public=False):
    """Save several photos at once (from a phone): all or none. Each is re-encoded without EXIF and downscaled to
    at most 2000 px before anything is written; the worker makes the thumbnails once the upload has committed
    (the thumbnail view makes one lazily for a photo the worker has not reached yet)."""
    _check_year(district, year)
    if not files:
        raise ValidationError(_("กรุณาเลือกรูปภาพอย่างน้อย 1 รูป"))
    if len(files) > MAX_PHOTOS_PER_UPLOAD:
        raise ValidationError(_("อัปโหลดได้ครั้งละไม่เกิน %(n)d รูป") % {"n": MAX_PHOTOS_PER_UPLOAD})
    if unit is not None and unit.district_id != district.code:
        raise ValidationError(_("หน่วยนับนี้ไม่อยู่ในอำเภอนี้"))
    if is_public:
        # A caption marked public is published text (issue 19): the one checker of apps.core.privacy.
        validate_publishable([(_("คำบรรยายภาพ"), caption)], unit.public_names if unit is not None else ())
    cleaned = []
    for f in files:
        try:
            cleaned.append(reencode_image(f))
        except ValidationError as exc:
            raise ValidationError(f"{f.name}: {' '.join(exc.messages)}") from None
    photos = []
    written = []
    try:
        for content in cleaned:
            p = Photo(
                district=district,
                year=year,
                unit=unit,
                stage=stage,
                caption=caption,
                taken_on=taken_on,
                is_public=is_public,
                uploaded_by=by,
            )
            p.image.save(content.name, content, save=False)
            written.append(p.image.name)
            p.save()
            photos.append(p)
    except Exception:
        for name in written:  # no half upload: the rows roll back, the files go too
            Photo._meta.get_field("image").storage.delete(name)
        raise
    enqueue(THUMBNAIL_TASK, [p.pk for p in photos])
    audit(
        by,
        "photos.uploaded",
        year,
        after={
            "district": district.code,
            "count": len(photos),
            "unit": unit and unit.pk,
            "stage": stage,
            "public": is_public,
        },
    )
    return photos


def make_thumbnails(photo_ids):
    """The missing thumbnails of these photos (the worker's task after an upload); returns how many were made.
    A photo whose file cannot be decoded is skipped (its thumbnail view answers 404 and logs it)."""
    made = 0
    for photo in Photo.objects.filter(pk__in=photo_ids, thumbnail="").only("pk", "image", "thumbnail"):
        try:
            ensure_thumbnail(photo)
        except (FileNotFoundError, ValidationError):
            continue
        made += 1
    return made


def report_limit():
    return max(1, settings.REPORT_PHOTOS_PER_STAGE)


@transaction.atomic
def set_in_report(photo, *, by, chosen):
    """Put a photo in the district's report (and the province's summary), or take it out. At most
    REPORT_PHOTOS_PER_STAGE photos of one stage of one unit (or of the district's own work) are chosen."""
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    if chosen == photo.in_report:
        return photo
    group = Photo.objects.filter(
        district_id=photo.district_id, year_id=photo.year_id, unit_id=photo.unit_id, stage=photo.stage
    )
    if chosen:
        # The group's rows are locked in one order so that two officers choosing at once count the same rows.
        n = len(group.filter(in_report=True).select_for_update().order_by("pk").values_list("pk", flat=True))
        if n >= report_limit():
            raise ValidationError(
                _("เลือกภาพเข้ารายงานได้ไม่เกิน %(n)d ภาพต่อขั้นตอนของแต่ละหน่วยนับ กรุณานำภาพอื่นออกก่อน")
                % {"n": report_limit()}
            )
        last = group.filter(in_report=True).aggregate(m=Max("report_order"))["m"] or 0
        photo.report_order = last + 1
    else:
        photo.report_order = 0
    photo.in_report = chosen
    photo.save(update_fields=["in_report", "report_order"])
    audit(
        by,
        "photo.report_chosen" if chosen else "photo.report_removed",
        photo,
        after={"district": photo.district_id, "unit": photo.unit_id, "stage": photo.stage},
    )
    return photo


@transaction.atomic
def delete_photo(photo, *, by):
    audit(by, "photo.deleted", photo, before={"caption": photo.caption, "district": photo.district_id})
    names = [f.name for f in (photo.image, photo.thumbnail) if f]
    storage = photo.image.storage
    photo.delete()

    def remove_files():
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove_files)


def ensure_thumbnail(photo):
    """The thumbnail of a photo saved before thumbnails existed (or by seed data): made once, on first request,
    and kept. Raises FileNotFoundError when the image is missing, ValidationError when it cannot be decoded."""
    if photo.thumbnail:
        return photo.thumbnail
    with photo.image.open("rb") as fh:
        thumb = thumbnail_image(fh)
    field = photo.thumbnail.field
    name = field.storage.save(field.generate_filename(photo, thumb.name), thumb)
    try:
        made = Photo.objects.filter(pk=photo.pk, thumbnail="").update(
            thumbnail=name, thumb_width=thumb.width, thumb_height=thumb.height
        )
    except Exception:
        field.storage.delete(name)  # no row points to it: leave no stray file
        raise
    if made:
        photo.thumbnail.name, photo.thumb_width, photo.thumb_height = name, thumb.width, thumb.height
    else:  # another request made it first (or the photo is gone): keep theirs
        field.storage.delete(name)
        photo.refresh_from_db(fields=["thumbnail", "thumb_width", "thumb_height"])
    return photo.thumbnail
