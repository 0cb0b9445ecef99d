"""Stage 1 records, partners and photos of a district-year: validate, write, audit."""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from apps.core.audit import audit, snapshot
from apps.core.forms import validate_upload

from .models import Partner, Photo, PreparationRecord

RECORD_FIELDS = ["kind", "title", "held_on", "place", "attendees", "attendees_count", "resolutions"]
PARTNER_FIELDS = ["kind", "name", "contact", "support"]
MAX_PHOTOS_PER_UPLOAD = 20
MAX_SIDE = 2000


def _check_year(district, year):
    if year.province_id != district.province_id:
        raise ValidationError(_("ปีงบประมาณนี้เป็นของจังหวัดอื่น"))


def _record_values(data):
    nullable = {"held_on", "attendees_count"}
    return {f: data.get(f) if data.get(f) is not None or f in nullable else "" for f in RECORD_FIELDS}


@transaction.atomic
def save_record(district, year, data, *, by, record=None, version=None, file=None):
    """Create or edit a stage 1 record; an edit made on an old version is refused (optimistic concurrency)."""
    _check_year(district, year)
    if file:
        validate_upload(file, "document")
    if record is None:
        record = PreparationRecord(district=district, year=year, created_by=by)
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
            record.file.field.generate_filename(record, f"{uuid.uuid4().hex}_{file.name[-60:]}"), file)
        values["file"] = name
    n = PreparationRecord.objects.filter(pk=record.pk, version=version).update(version=F("version") + 1, **values)
    if n == 0:
        raise ValidationError(_("มีผู้อื่นแก้ไขบันทึกนี้ไปแล้วระหว่างที่คุณแก้ไข กรุณาเปิดหน้าใหม่แล้วแก้ไขอีกครั้ง"),
                              code="conflict")
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


def reencode_image(f):
    """A clean JPEG: rotated upright, at most 2000 px, without EXIF (GPS, camera) metadata."""
    from PIL import Image, ImageOps

    validate_upload(f, "image")
    f.seek(0)
    try:
        with Image.open(f) as im:
            im = ImageOps.exif_transpose(im)
            if im.mode in ("RGBA", "LA", "P"):
                im = im.convert("RGBA")
                bg = Image.new("RGB", im.size, "white")
                bg.paste(im, mask=im.split()[-1])
                im = bg
            elif im.mode != "RGB":
                im = im.convert("RGB")
            im.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            im.save(out, "JPEG", quality=85, optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("ไฟล์รูปภาพเสียหรือไม่ใช่รูปภาพจริง กรุณาเลือกไฟล์ใหม่")) from None
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


@transaction.atomic
def upload_photos(district, year, files, *, by, caption, stage, unit=None, taken_on=None, is_public=False):
    """Save several photos at once (from a phone): all or none. Each is re-encoded without EXIF."""
    _check_year(district, year)
    if not files:
        raise ValidationError(_("กรุณาเลือกรูปภาพอย่างน้อย 1 รูป"))
    if len(files) > MAX_PHOTOS_PER_UPLOAD:
        raise ValidationError(_("อัปโหลดได้ครั้งละไม่เกิน %(n)d รูป") % {"n": MAX_PHOTOS_PER_UPLOAD})
    if unit is not None and unit.district_id != district.code:
        raise ValidationError(_("หน่วยนับนี้ไม่อยู่ในอำเภอนี้"))
    cleaned = []
    for f in files:
        try:
            cleaned.append(reencode_image(f))
        except ValidationError as exc:
            raise ValidationError(f"{f.name}: {' '.join(exc.messages)}") from None
    photos = []
    for content in cleaned:
        p = Photo(district=district, year=year, unit=unit, stage=stage, caption=caption, taken_on=taken_on,
                  is_public=is_public, uploaded_by=by)
        p.image.save(content.name, content, save=False)
        p.save()
        photos.append(p)
    audit(by, "photos.uploaded", year, after={"district": district.code, "count": len(photos),
                                              "unit": unit and unit.pk, "stage": stage, "public": is_public})
    return photos


@transaction.atomic
def delete_photo(photo, *, by):
    audit(by, "photo.deleted", photo, before={"caption": photo.caption, "district": photo.district_id})
    name = photo.image.name
    storage = photo.image.storage
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))
