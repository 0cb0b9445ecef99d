"""Offices, numbering registers and official documents: every transition validates, writes and audits.

A number is taken from a register under a row lock on its counter (select_for_update): two people generating
documents at once get two numbers, and a number once taken is never given again (a cancelled one stays, with
its reason). A document is composed from the data once, when issued (its body is kept), and its PDF and .docx
are built by the worker (apps.core.generated). A correction is a new version that replaces the old one."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit, snapshot
from apps.core.forms import validate_upload
from apps.core.generated import request_file
from apps.core.thaidates import be_year, fiscal_year_of

from . import compose
from .builders import DOCX_KIND, PDF_KIND
from .models import Counter, Kind, Layout, Number, Office, OfficialDocument, Register, Signatory

OFFICE_FIELDS = ["name", "address", "prefix", "thai_digits", "year_basis", "cover_as_memo", "garuda_label"]
GARUDA_MAX_BYTES = 2 * 1024 * 1024


# --- offices -------------------------------------------------------------------------------------------


office_for = compose.office_for


@transaction.atomic
def update_office(office, *, by, garuda=None, **fields):
    before = snapshot(office, OFFICE_FIELDS)
    for key in OFFICE_FIELDS:
        if key in fields:
            setattr(office, key, fields[key])
    if garuda is not None:
        if garuda.size > GARUDA_MAX_BYTES:
            raise ValidationError({"garuda": _("ไฟล์ตราครุฑใหญ่เกินไป ขนาดสูงสุด 2 MB")})
        validate_upload(garuda, "image")
        ext = (garuda.name or "").rsplit(".", 1)[-1].lower()
        office.garuda.save(
            f"garuda-{office.pk}.{ext if ext in ('png', 'jpg', 'jpeg', 'webp') else 'png'}",
            garuda,
            save=False,
        )
    office.is_example = False if fields else office.is_example
    office.save()
    audit(by, "paperwork.office_updated", office, before=before, after=snapshot(office, OFFICE_FIELDS))
    return office


@transaction.atomic
def add_signatory(office, *, by, name, position, acting_line=""):
    name, position = (name or "").strip(), (position or "").strip()
    if not name or not position:
        raise ValidationError(_("กรุณากรอกชื่อและตำแหน่งของผู้ลงนาม"))
    order = office.signatories.count() + 1
    s = Signatory.objects.create(
        office=office, name=name, position=position, acting_line=acting_line.strip(), order=order
    )
    audit(
        by,
        "paperwork.signatory_added",
        office,
        after={"name": name, "position": position, "acting": acting_line},
    )
    return s


# --- numbering ------------------------------------------------------------------------------------------


def register_year(office, day):
    """The B.E. year a register counts in: the calendar year, or the fiscal year when the office says so."""
    return fiscal_year_of(day) if office.year_basis == Office.YearBasis.FISCAL else be_year(day)


def number_text(office, register, seq, year, circular=False):
    if register == Register.OUTGOING:
        prefix = office.prefix.strip()
        if prefix and not prefix.startswith("ที่"):
            prefix = "ที่ " + prefix
        text = f"{prefix}{'ว ' if circular else ''}{seq}" if prefix else f"ที่ {seq}/{year}"
    else:
        text = f"ที่ {seq}/{year}"
    return office.digits(text)


def take_number(office, register, *, day, subject, by, circular=False):
    """The next number of the office's register for the year of `day`, in the caller's transaction."""
    year = register_year(office, day)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Counter.objects.get_or_create(office=office, register=register, year=year)
        except IntegrityError:  # another transaction created the counter at the same moment
            pass
        counter = Counter.objects.select_for_update().get(office=office, register=register, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        number = Number.objects.create(
            office=office,
            register=register,
            year=year,
            seq=counter.last,
            text=number_text(office, register, counter.last, year, circular),
            subject=subject[:500],
            taken_by=by if getattr(by, "is_authenticated", False) else None,
        )
    audit(by, "paperwork.number_taken", number, after={"text": number.text, "subject": number.subject})
    return number


@transaction.atomic
def cancel_number(number, *, by, reason):
    reason = (reason or "").strip()
    number = Number.objects.select_for_update().get(pk=number.pk)
    if number.cancelled_at:
        raise ValidationError(_("เลขที่นี้ยกเลิกไปแล้ว"))
    if not reason:
        raise ValidationError({"reason": _("การยกเลิกเลขที่หนังสือต้องระบุเหตุผล")})
    doc = OfficialDocument.objects.filter(number=number).first()
    if doc is not None and not hasattr(doc, "replaced_by"):
        raise ValidationError(_("เลขที่นี้ใช้กับหนังสือที่ยังมีผลอยู่ กรุณาออกหนังสือฉบับใหม่แทนก่อน"))
    number.cancelled_at, number.cancelled_by, number.cancel_reason = timezone.now(), by, reason
    number.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    audit(by, "paperwork.number_cancelled", number, after={"text": number.text}, reason=reason)
    return number


# --- documents ------------------------------------------------------------------------------------------

REGISTER_OF = {
    Layout.ORDER: Register.ORDER,
    Layout.ANNOUNCEMENT: Register.ANNOUNCEMENT,
    Layout.LETTER: Register.OUTGOING,
    Layout.MEMO: Register.OUTGOING,
}


def _signatory(office, signatory):
    if signatory is not None:
        if signatory.office_id != office.pk:
            raise ValidationError(_("ผู้ลงนามที่เลือกไม่ใช่ของส่วนราชการนี้"))
        return signatory
    return office.signatories.filter(active=True).order_by("order", "pk").first()


@transaction.atomic
def issue_document(kind, about, *, by, dated=None, signatory=None, replaces=None, reason="", build=True):
    """Compose the document of `kind` about `about` (committee, meeting, round or submission), take its number
    and ask the worker for its PDF and .docx. `replaces`: the version it replaces (แทนฉบับเดิม)."""
    if kind not in Kind.values:
        raise ValidationError(_("ไม่รู้จักหนังสือประเภทนี้"))
    dated = dated or timezone.localdate()
    draft = compose.compose(kind, about, dated=dated)
    office = draft.office
    # minutes are signed by whoever took them (the committee's secretary), not by the office's signatory
    sign = _signatory(office, signatory) if draft.layout != Layout.MINUTES else None
    if replaces is not None:
        replaces = OfficialDocument.objects.select_for_update().get(pk=replaces.pk)
        if hasattr(replaces, "replaced_by"):
            raise ValidationError(_("หนังสือฉบับนี้มีฉบับใหม่แทนแล้ว"))
        if not (reason or "").strip():
            raise ValidationError({"reason": _("การออกหนังสือฉบับใหม่แทนฉบับเดิมต้องระบุเหตุผล")})
        draft.body["replaces"] = {
            "number": replaces.number.text if replaces.number_id else "",
            "dated": str(replaces.dated),
        }
    number = None
    register = REGISTER_OF.get(draft.layout)
    if register:
        number = take_number(
            office, register, day=dated, subject=draft.subject, by=by, circular=kind == Kind.INVITATION
        )
    doc = OfficialDocument.objects.create(
        office=office,
        kind=kind,
        layout=draft.layout,
        number=number,
        dated=dated,
        subject=draft.subject[:500],
        recipient=draft.recipient[:500],
        body=draft.body,
        signatory=sign,
        sign_name=draft.sign_name or (sign.name if sign else ""),
        sign_position=draft.sign_position or (sign.position if sign else ""),
        sign_acting="" if draft.sign_name else (sign.acting_line if sign else ""),
        content_type=ContentType.objects.get_for_model(about),
        object_id=str(about.pk),
        version=(replaces.version + 1) if replaces else 1,
        replaces=replaces,
        reissue_reason=(reason or "").strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if build:
        request_files(doc, by=by)
    audit(
        by,
        "paperwork.document_reissued" if replaces else "paperwork.document_issued",
        doc,
        after={"kind": kind, "number": number.text if number else "", "version": doc.version},
        reason=reason,
    )
    return doc


def request_files(doc, *, by):
    title = f"{doc.get_kind_display()} {doc.number.text if doc.number_id else ''}".strip()
    doc.pdf = request_file(doc, kind=PDF_KIND, title=title, by=by, keep=True)
    doc.docx = request_file(doc, kind=DOCX_KIND, title=title + " (.docx)", by=by, keep=True)
    doc.save(update_fields=["pdf", "docx"])


def reissue(doc, *, by, reason, dated=None, signatory=None):
    """A corrected document: a new version composed again from today's data, with a new number; the old
    version stays as it was, marked as replaced."""
    about = doc.content_type.get_object_for_this_type(pk=doc.object_id)
    return issue_document(
        doc.kind,
        about,
        by=by,
        dated=dated or timezone.localdate(),
        signatory=signatory,
        replaces=doc,
        reason=reason,
    )
