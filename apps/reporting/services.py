"""Transitions of a report to the province: submit, accept, return, bulk accept; and queuing its documents.

Each transition locks the row (select_for_update) and writes with a conditional UPDATE on the expected state,
so a double click, two tabs or two reviewers cannot apply it twice; the audit row is written in the same
transaction and the PDF is queued only after commit."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.rules import can_manage_province
from apps.core.audit import audit
from apps.core.generated import request_file
from apps.core.models import GeneratedFile
from apps.core.notices import notify
from apps.registry.enums import DeadlineKind
from apps.registry.models import Deadline

from .models import EDITABLE, Submission, SubmissionState
from .snapshot import build_snapshot, content_hash, is_empty

PREVIEW_TTL = dt.timedelta(days=1)
SUMMARY_TTL = dt.timedelta(days=7)
PDF_KIND = "reporting.submission_pdf"
PREVIEW_KIND = "reporting.preview_pdf"
SUMMARY_KIND = "reporting.province_summary"
NATIONAL_PDF_KIND = "reporting.national_summary_pdf"
NATIONAL_XLSX_KIND = "reporting.national_summary_xlsx"
REPORT_XLSX_KIND = "reporting.submission_xlsx"
REVIEW_XLSX_KIND = "reporting.review_xlsx"
DASHBOARD_XLSX_KIND = "reporting.dashboard_xlsx"

_TRACKED = ["state", "version", "submitted_at", "reviewed_at", "return_reason", "days_late"]


def _state(sub):
    return {f: getattr(sub, f) for f in _TRACKED}


def days_late(due_on, when):
    """Whole days after the due date (0 when on time); `when` is a datetime, counted in Bangkok time."""
    if due_on is None or when is None:
        return 0
    return max(0, (timezone.localdate(when) - due_on).days)


def get_or_create_submission(year, district, kind):
    """The one submission of a district for a year and kind (created as a draft on first use)."""
    kind = DeadlineKind(kind)
    deadline = Deadline.objects.filter(year=year, kind=kind).first()
    try:
        with transaction.atomic():
            sub, created = Submission.objects.get_or_create(
                year=year, district=district, kind=kind, defaults={"deadline": deadline}
            )
    except IntegrityError:  # another request created it between our get and create
        sub = Submission.objects.get(year=year, district=district, kind=kind)
    if sub.deadline_id is None and deadline is not None:
        Submission.objects.filter(pk=sub.pk, deadline__isnull=True).update(deadline=deadline)
        sub.deadline = deadline
    return sub


def _back_url(sub):
    return reverse(
        "reporting:report", kwargs={"year": sub.year_id, "district": sub.district_id, "kind": sub.kind}
    )


def _notify_district(sub, *, kind, title, body):
    """Tell the district officers of the report's district (inside the caller's transaction)."""
    from django.conf import settings

    from apps.registry.services import district_officers

    officers = list(district_officers(sub.district_id))
    if officers:
        notify(officers, kind=kind, title=title, body=body, url=settings.SITE_URL + _back_url(sub))


def _pdf_title(sub):
    return _("%(kind)s อำเภอ%(district)s ปี %(fy)s (ครั้งที่ %(v)s)") % {
        "kind": sub.get_kind_display(),
        "district": sub.district.name_th,
        "fy": sub.year.fiscal_year,
        "v": sub.version,
    }


def submit_report(submission, *, by, note=None, now=None, build_pdf=True):
    """draft/returned → submitted: freeze the content as a snapshot, date it, flag lateness, queue the PDF.
    build_pdf=False (demo data) leaves the PDF to be built on request from the report page."""
    now = now or timezone.now()
    with transaction.atomic():
        sub = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("year__province", "district", "deadline")
            .get(pk=submission.pk)
        )
        if sub.state not in EDITABLE:
            raise ValidationError(
                _("รายงานนี้ส่งถึงจังหวัดแล้ว (สถานะ: %(state)s) ไม่ต้องส่งซ้ำ") % {"state": sub.get_state_display()}
            )
        note = sub.note if note is None else note.strip()
        snap = build_snapshot(sub.year, sub.district, sub.kind)
        if is_empty(snap):
            if sub.kind == DeadlineKind.PHOTOS:
                raise ValidationError(_("ยังไม่มีภาพกิจกรรมของอำเภอในปีนี้ กรุณาเพิ่มภาพก่อนส่งรายงาน"))
            if sub.kind == DeadlineKind.EXEMPLAR:
                raise ValidationError(_("อำเภอยังไม่ได้เลือกต้นแบบอำเภอของปีนี้ กรุณาเลือกที่หน้าต้นแบบอำเภอก่อนส่งรายงาน"))
            raise ValidationError(_("ยังไม่มีหน่วยนับที่เข้าสู่ระบบในปีนี้ กรุณาบันทึกหน่วยนับก่อนส่งรายงาน"))
        digest = content_hash(snap, note)
        resubmission = sub.state == SubmissionState.RETURNED
        if resubmission and digest == sub.snapshot_hash:
            raise ValidationError(
                _(
                    "ยังไม่มีการแก้ไขตามที่จังหวัดส่งกลับ (ข้อมูลเหมือนครั้งที่ส่งแล้ว) "
                    "กรุณาแก้ไขข้อมูลหรือเพิ่มคำชี้แจงในหมายเหตุก่อนส่งอีกครั้ง"
                )
            )
        deadline = sub.deadline or Deadline.objects.filter(year=sub.year, kind=sub.kind).first()
        before = _state(sub)
        first = sub.first_submitted_at or now
        late = days_late(deadline.due_on if deadline else None, first)
        updated = Submission.objects.filter(pk=sub.pk, state__in=EDITABLE).update(
            state=SubmissionState.SUBMITTED,
            version=sub.version + 1,
            submitted_at=now,
            submitted_by=by,
            first_submitted_at=first,
            days_late=late,
            snapshot=snap,
            snapshot_hash=digest,
            note=note,
            deadline=deadline,
            reviewed_at=None,
            reviewed_by=None,
        )
        if updated != 1:
            raise ValidationError(_("รายงานนี้ส่งถึงจังหวัดแล้ว ไม่ต้องส่งซ้ำ"))
        sub.refresh_from_db()
        gf = None
        if build_pdf:
            gf = request_file(
                sub,
                kind=PDF_KIND,
                title=_pdf_title(sub),
                by=by,
                keep=True,
                back=_back_url(sub),
                params={"submission_id": sub.pk, "version": sub.version},
            )
        Submission.objects.filter(pk=sub.pk).update(pdf=gf)
        sub.pdf = gf
        audit(
            by,
            "report.resubmitted" if resubmission else "report.submitted",
            sub,
            before=before,
            after=_state(sub),
            reason=note,
        )
    return sub


def _check_reviewer(sub, by):
    if not can_manage_province(by, sub):
        raise ValidationError(
            _("เฉพาะเจ้าหน้าที่ มชช. จังหวัดเท่านั้นที่ตรวจรับหรือส่งกลับรายงานได้ อำเภอไม่สามารถรับรายงานของตนเองได้")
        )


def accept_report(submission, *, by, now=None):
    """submitted → accepted by provincial staff."""
    now = now or timezone.now()
    with transaction.atomic():
        sub = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("district", "year")
            .get(pk=submission.pk)
        )
        _check_reviewer(sub, by)
        if sub.state != SubmissionState.SUBMITTED:
            raise ValidationError(
                _("รับรายงานไม่ได้: สถานะปัจจุบันคือ %(state)s") % {"state": sub.get_state_display()}
            )
        before = _state(sub)
        updated = Submission.objects.filter(pk=sub.pk, state=SubmissionState.SUBMITTED).update(
            state=SubmissionState.ACCEPTED,
            reviewed_at=now,
            reviewed_by=by,
        )
        if updated != 1:
            raise ValidationError(_("รายงานนี้มีผู้ตรวจไปแล้ว"))
        sub.refresh_from_db()
        audit(by, "report.accepted", sub, before=before, after=_state(sub))
        _notify_district(
            sub,
            kind="submission_accepted",
            title=_("จังหวัดรับรายงานแล้ว: %(kind)s อำเภอ%(district)s")
            % {"kind": sub.get_kind_display(), "district": sub.district.name_th},
            body=_("สำนักงานพัฒนาชุมชนจังหวัดรับรายงาน%(kind)s ปีงบประมาณ %(fy)s (ครั้งที่ส่ง %(v)s) แล้ว")
            % {"kind": sub.get_kind_display(), "fy": sub.year.fiscal_year, "v": sub.version},
        )
    return sub


def return_report(submission, *, by, reason, now=None):
    """submitted → returned with a reason the district reads and acts on."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError(_("กรุณาระบุเหตุผลและสิ่งที่อำเภอต้องแก้ไข (อย่างน้อย 5 ตัวอักษร)"))
    with transaction.atomic():
        sub = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("district", "year")
            .get(pk=submission.pk)
        )
        _check_reviewer(sub, by)
        if sub.state != SubmissionState.SUBMITTED:
            raise ValidationError(_("ส่งกลับไม่ได้: สถานะปัจจุบันคือ %(state)s") % {"state": sub.get_state_display()})
        before = _state(sub)
        updated = Submission.objects.filter(pk=sub.pk, state=SubmissionState.SUBMITTED).update(
            state=SubmissionState.RETURNED,
            reviewed_at=now,
            reviewed_by=by,
            returned_at=now,
            return_reason=reason,
        )
        if updated != 1:
            raise ValidationError(_("รายงานนี้มีผู้ตรวจไปแล้ว"))
        sub.refresh_from_db()
        audit(by, "report.returned", sub, before=before, after=_state(sub), reason=reason)
        _notify_district(
            sub,
            kind="submission_returned",
            title=_("รายงานถูกส่งกลับให้แก้ไข: %(kind)s อำเภอ%(district)s")
            % {"kind": sub.get_kind_display(), "district": sub.district.name_th},
            body=_("เหตุผลและสิ่งที่ต้องแก้ไข: %(reason)s\nกรุณาแก้ไขแล้วส่งรายงาน%(kind)s ปีงบประมาณ %(fy)s อีกครั้ง")
            % {"reason": reason, "kind": sub.get_kind_display(), "fy": sub.year.fiscal_year},
        )
    return sub


def bulk_accept(submissions, *, by):
    """Accept every submitted report among `submissions` (a queryset already limited by visible_to).
    Returns (accepted, skipped): the reports accepted and those left as they were, one audit row each."""
    accepted, skipped = [], []
    for sub in submissions:
        try:
            accepted.append(accept_report(sub, by=by))
        except ValidationError:
            skipped.append(sub)
    return accepted, skipped


def update_note(submission, *, by, note):
    """The district's note to the province (editable while the report is a draft or returned)."""
    with transaction.atomic():
        sub = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
        if sub.state not in EDITABLE:
            raise ValidationError(_("รายงานที่ส่งแล้วแก้ไขหมายเหตุไม่ได้"))
        before = {"note": sub.note}
        sub.note = (note or "").strip()
        sub.save(update_fields=["note"])
        audit(by, "report.note_changed", sub, before=before, after={"note": sub.note})
    return sub


def request_submission_pdf(submission, *, by):
    """The PDF of a report: of its frozen snapshot once delivered (kept), or a preview of live data (expires).
    Reuses a file that is done or still being built."""
    sub = submission
    if sub.pk and sub.snapshot and sub.state not in EDITABLE:
        gf = sub.pdf
        if gf is not None and gf.status != GeneratedFile.Status.FAILED:
            return gf
        with transaction.atomic():
            gf = request_file(
                sub,
                kind=PDF_KIND,
                title=_pdf_title(sub),
                by=by,
                keep=True,
                back=_back_url(sub),
                params={"submission_id": sub.pk, "version": sub.version},
            )
            Submission.objects.filter(pk=sub.pk).update(pdf=gf)
            sub.pdf = gf
            audit(by, "report.pdf_requested", sub)
        return gf
    with transaction.atomic():
        title = _("ตัวอย่าง %(kind)s อำเภอ%(district)s ปี %(fy)s") % {
            "kind": sub.get_kind_display(),
            "district": sub.district.name_th,
            "fy": sub.year.fiscal_year,
        }
        gf = request_file(
            sub,
            kind=PREVIEW_KIND,
            title=title,
            by=by,
            ttl=PREVIEW_TTL,
            back=_back_url(sub),
            params={"submission_id": sub.pk},
        )
    return gf


def request_province_summary(year, *, by):
    """The province's annual summary PDF of all districts (for the provincial committee); expires in 7 days."""
    with transaction.atomic():
        back = reverse("reporting:review") + f"?province={year.province_id}&year={year.pk}"
        gf = request_file(
            year,
            kind=SUMMARY_KIND,
            by=by,
            ttl=SUMMARY_TTL,
            readers="province",
            title=_("สรุปผลการดำเนินงาน มชช. จังหวัด%(p)s ปีงบประมาณ %(fy)s")
            % {"p": year.province.name_th, "fy": year.fiscal_year},
            back=back,
            params={"year_id": year.pk},
        )
        audit(by, "report.summary_requested", year)
    return gf


def request_national_summary(fiscal_year, fmt, *, by):
    """The national annual summary (every province the person reads) as PDF or xlsx, built by the worker.
    Only its owner downloads it; it is built with the owner's scope."""
    with transaction.atomic():
        gf = request_file(
            None,
            kind=NATIONAL_XLSX_KIND if fmt == "xlsx" else NATIONAL_PDF_KIND,
            by=by,
            ttl=SUMMARY_TTL,
            title=_("สรุปผลการดำเนินงาน มชช. ระดับประเทศ ปีงบประมาณ %(fy)s") % {"fy": fiscal_year},
            back=reverse("reporting:national") + f"?year={fiscal_year}",
            params={"fiscal_year": fiscal_year},
        )
        audit(by, "report.national_summary_requested", after={"fiscal_year": fiscal_year, "format": fmt})
    return gf


def content_type_id():
    return ContentType.objects.get_for_model(Submission).pk
