"""Entries the field app queued on a phone while offline (issue 22), written when the network returns.

Every entry carries the id the phone gave it (`client_id`, a UUID, unique per model): an upload that is sent again
(a retry after a cut connection, the same queue synced twice) finds what the first one made and changes nothing.
An entry made against a unit that has moved on meanwhile (another stage, or the year's outcome decided) is a
conflict: nothing is written and the phone keeps the entry, with its data, to show the officer.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.core.audit import audit
from apps.registry.enums import Outcome, Stage
from apps.registry.models import Photo, PreparationRecord
from apps.registry.services_stage1 import photo_files, save_record, store_photo_files

from ..models import Visit
from .supervision import record_visit


class Conflict(Exception):
    """The unit is no longer where the officer saw it: the entry is kept on the phone, not written."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _check_unit_where_seen(enrolment, stage_seen):
    if enrolment.outcome != Outcome.IN_PROGRESS:
        raise Conflict(
            _("หน่วยนับ %(u)s มีผลของปีแล้ว (%(o)s) ระหว่างที่รายการนี้รอส่ง จึงไม่ได้บันทึก")
            % {"u": enrolment.unit.name, "o": enrolment.get_outcome_display()}
        )
    if stage_seen is not None and enrolment.stage != stage_seen:
        raise Conflict(
            _("หน่วยนับ %(u)s เปลี่ยนจาก%(was)s เป็น%(now)s ระหว่างที่รายการนี้รอส่ง จึงไม่ได้บันทึก")
            % {
                "u": enrolment.unit.name,
                "was": Stage(stage_seen).label,
                "now": enrolment.get_stage_display(),
            }
        )


def _first_or_create(model, client_id, create):
    """The row with this client_id, else the one `create()` makes; a second upload racing the first one meets the
    unique constraint and gets the first one's row. Returns (row, created)."""
    found = model.objects.filter(client_id=client_id).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        found = model.objects.filter(client_id=client_id).first()
        if found is None:
            raise
        return found, False


def sync_visit(enrolment, data, *, client_id, stage_seen, by):
    """A supervision visit recorded offline. Returns (visit, created)."""

    def create():
        _check_unit_where_seen(enrolment, stage_seen)
        return record_visit(enrolment, data, by=by, client_id=client_id)

    visit, created = _first_or_create(Visit, client_id, create)
    if not created and visit.enrolment_id != enrolment.pk:
        raise ValidationError(_("รหัสรายการนี้ถูกใช้กับหน่วยนับอื่นแล้ว"))
    return visit, created


def sync_photo(enrolment, upload, *, client_id, stage_seen, caption, taken_on, visit_client_id=None, by):
    """A photo taken offline (already made smaller on the phone); re-encoded here without EXIF as every upload is,
    and put with the visit it was taken at when that visit has arrived. Returns (photo, created)."""

    def create():
        _check_unit_where_seen(enrolment, stage_seen)
        if enrolment.stage < Stage.REINFORCEMENT:
            raise ValidationError(_("หน่วยนับยังอยู่ในขั้นรับสมัคร ยังไม่เริ่มการติดตามนิเทศ"))
        pair = photo_files(upload)  # checked and re-encoded before anything is written
        photo = Photo(
            district_id=enrolment.unit.district_id,
            year_id=enrolment.year_id,
            unit_id=enrolment.unit_id,
            stage=enrolment.stage if enrolment.stage <= Stage.SELF_DEVELOPMENT else Stage.SELF_DEVELOPMENT,
            caption=(caption or _("ภาพจากการติดตาม %(u)s") % {"u": enrolment.unit.name})[:255],
            taken_on=taken_on,
            uploaded_by=by,
            client_id=client_id,
        )
        store_photo_files(photo, pair)
        try:
            photo.save()
        except IntegrityError:
            # a racing upload of the same entry saved first: its files are the ones kept, these go
            for f in (photo.image, photo.thumbnail):
                f.storage.delete(f.name)
            raise
        audit(by, "photos.uploaded", enrolment, after={"count": 1, "unit": enrolment.unit_id, "field": True})
        return photo

    photo, created = _first_or_create(Photo, client_id, create)
    if not created and photo.unit_id != enrolment.unit_id:
        raise ValidationError(_("รหัสรายการนี้ถูกใช้กับหน่วยนับอื่นแล้ว"))
    if visit_client_id:
        visit = Visit.objects.filter(client_id=visit_client_id, enrolment=enrolment).first()
        if visit is not None:
            visit.photos.add(photo)  # adding twice is a no-op
    return photo, created


def sync_stage1_note(district, year, data, *, client_id, by):
    """A stage 1 activity (a meeting, publicity) noted offline. Returns (record, created)."""
    return _first_or_create(
        PreparationRecord,
        client_id,
        lambda: save_record(district, year, data, by=by, client_id=client_id),
    )
