"""Requests of data subjects (issue 19 item 4): recorded by staff with the legal due date (30 days), answered by
an access copy (JSON + PDF, built by the worker), an erasure, or a written outcome; closed and audited.

"Everything held about the person" is asked of every holder registered with apps.core.personaldata, so the
committee's Person records (or any later holder) take part without this module knowing them."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import personaldata
from apps.core.audit import audit
from apps.core.generated import request_file

from .builders import ACCESS_JSON, ACCESS_PDF
from .enums import RequestKind, RequestStatus
from .models import DataRequest
from .personal import subject_of


@transaction.atomic
def record_request(unit, *, kind, received_on, subject_name, details="", by):
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("เลือกประเภทคำขอ")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("วันที่ได้รับคำขอต้องไม่เป็นวันในอนาคต")})
    req = DataRequest.objects.create(
        unit=unit,
        kind=kind,
        received_on=received_on,
        due_on=received_on + dt.timedelta(days=DataRequest.DUE_DAYS),
        subject_name=subject_name,
        details=details,
        created_by=by,
    )
    audit(by, "data_request.recorded", req, after={"unit": unit.pk, "kind": kind, "due_on": req.due_on})
    return req


def _open(req):
    req = DataRequest.objects.select_for_update().select_related("unit").get(pk=req.pk)
    if not req.is_open:
        raise ValidationError(_("คำขอนี้ปิดแล้ว"))
    return req


@transaction.atomic
def produce_access_copy(req, *, by):
    """Queue the JSON and the PDF of everything held; both readable by those who may act on the request."""
    req = _open(req)
    if req.kind != RequestKind.ACCESS:
        raise ValidationError(_("สำเนาข้อมูลใช้กับคำขอเข้าถึงข้อมูลเท่านั้น"))
    files = [
        request_file(
            req,
            kind=kind,
            title=title,
            by=by,
            perm="registry.handle_data_request",
            ttl=dt.timedelta(days=30),
        )
        for kind, title in (
            (ACCESS_JSON, _("สำเนาข้อมูลส่วนบุคคล (JSON) คำขอ #%(n)s") % {"n": req.pk}),
            (ACCESS_PDF, _("สำเนาข้อมูลส่วนบุคคล (PDF) คำขอ #%(n)s") % {"n": req.pk}),
        )
    ]
    audit(by, "data_request.access_copy", req, after={"files": [f.token for f in files]})
    return files


def erasure_preview(req):
    """What erasure would do: the holders' blockers (e.g. a committee seat) and what each holds now."""
    subject = subject_of(req.unit)
    return {"blockers": personaldata.blockers(subject), "held": personaldata.find_all(subject)}


@transaction.atomic
def erase_subject(req, *, by, confirm=False):
    """Erase or anonymise the person in every holder that may; those that may not keep their part and say why.
    The request is closed with the list of what was removed and what was kept, and why."""
    req = _open(req)
    if req.kind != RequestKind.ERASURE:
        raise ValidationError(_("การลบข้อมูลใช้กับคำขอให้ลบข้อมูลเท่านั้น"))
    if not confirm:
        raise ValidationError(_("กรุณายืนยันการลบข้อมูล การลบย้อนกลับไม่ได้"))
    subject = subject_of(req.unit)
    results = personaldata.erase_all(subject, by=by)
    lines = []
    for label, erased in results:
        for r in erased.removed:
            lines.append(_("ลบแล้ว (%(h)s): %(what)s") % {"h": label, "what": r})
        for what, why in erased.kept:
            lines.append(
                _("เก็บไว้ (%(h)s): %(what)s — เหตุผล: %(why)s") % {"h": label, "what": what, "why": why}
            )
    outcome = "\n".join(lines)
    req.status, req.outcome, req.closed_at, req.closed_by = RequestStatus.DONE, outcome, timezone.now(), by
    req.save(update_fields=["status", "outcome", "closed_at", "closed_by"])
    audit(
        by,
        "data_request.erased",
        req,
        after={
            "unit": req.unit_id,
            "removed": sum(len(e.removed) for _l, e in results),
            "kept": [str(w) for _l, e in results for w, _why in e.kept],
        },
    )
    return results


@transaction.atomic
def close_request(req, *, status, outcome, by):
    req = _open(req)
    if status not in (RequestStatus.DONE, RequestStatus.REFUSED):
        raise ValidationError({"status": _("เลือกผลของคำขอ")})
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("กรุณาบันทึกผลการดำเนินการหรือเหตุผลที่ปฏิเสธ")})
    req.status, req.outcome, req.closed_at, req.closed_by = status, outcome.strip(), timezone.now(), by
    req.save(update_fields=["status", "outcome", "closed_at", "closed_by"])
    audit(by, "data_request.closed", req, after={"status": status}, reason=outcome.strip()[:255])
    return req
