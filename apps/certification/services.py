"""Transitions of certificates and honours: each validates, writes, audits in one transaction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit, snapshot
from apps.core.notices import notify
from apps.registry.enums import Outcome
from apps.registry.models import Enrolment

from .builders import CERTIFICATE_KIND, YEAR_KIND
from .models import Certificate, CertificateCounter, CertificateEvent
from .signals import certificate_changed

UNCHANGED = object()
PDF_KEEP_DAYS = 7
NOTICE_REVOKED = "certificate_revoked"  # kinds of notice, registered in apps.py
NOTICE_REINSTATED = "certificate_reinstated"


def _changed(cert, action):
    transaction.on_commit(
        lambda: certificate_changed.send(sender=Certificate, certificate=cert, action=action)
    )


def _notify_district(cert, *, kind, title, body):
    """Tell the district officers of the unit's district about a change of its certificate."""
    from django.conf import settings
    from django.urls import reverse

    from apps.registry.services import district_officers

    officers = list(district_officers(cert.unit.district_id))
    if officers:
        notify(
            officers,
            kind=kind,
            title=title,
            body=body,
            url=settings.SITE_URL + reverse("certification:certificate", args=[cert.pk]),
        )


def _notify_issued(cert, enrolment):
    from apps.core.thaidates import format_date

    _notify_district(
        cert,
        kind="certificate_issued",
        title=_("ออกใบรับรองแล้ว: %(unit)s เลขที่ %(n)s") % {"unit": enrolment.unit, "n": cert.number},
        body=_("หน่วยนับ %(unit)s ผ่านการรับรอง มชช. ปีงบประมาณ %(fy)s เลขที่ใบรับรอง %(n)s รับรองเมื่อ %(d)s")
        % {
            "unit": enrolment.unit,
            "fy": enrolment.year.fiscal_year,
            "n": cert.number,
            "d": format_date(cert.certified_on),
        },
    )


def format_number(year, seq, certified_on=None):
    """The certificate number from the year's pattern, e.g. มชช.{province}/{year}/{seq:04d} → มชช.65/2569/0001, or
    {abbr} {seq}/{be_year} → พล 12/2569. Keys: {province} (code), {province_name}, {abbr} (the official
    two-letter abbreviation), {year} (B.E. fiscal year), {be_year} (B.E. year of the certificate's date), {seq}."""
    pattern = year.certificate_pattern or ""
    if "{seq" not in pattern:
        raise ValidationError(_("รูปแบบเลขที่ใบรับรองต้องมี {seq} (ลำดับ) เพื่อไม่ให้เลขซ้ำกัน กรุณาแก้ไขการตั้งค่าปีงบประมาณ"))
    try:
        return pattern.format(
            province=year.province_id,
            province_name=year.province.name_th,
            abbr=year.province.abbr or year.province_id,
            year=year.fiscal_year,
            be_year=(certified_on.year + 543) if certified_on else year.fiscal_year,
            seq=seq,
        )
    except (KeyError, IndexError, ValueError, AttributeError):
        raise ValidationError(
            _(
                "รูปแบบเลขที่ใบรับรอง “%(p)s” ไม่ถูกต้อง ใช้ได้เฉพาะ {province} {province_name} {abbr} {year} {be_year} {seq}"
            )
            % {"p": pattern}
        ) from None


def _locked_counter(year):
    """The year's counter row, locked until the end of the transaction. Created on first use, starting
    after the highest sequence already given (certificates imported before the counter existed)."""
    start = Certificate.objects.filter(year=year).aggregate(m=Max("seq"))["m"] or 0
    CertificateCounter.objects.get_or_create(year=year, defaults={"last_seq": start})
    return CertificateCounter.objects.select_for_update().get(year=year)


def _check_dates(certified_on, awarded_on, valid_until):
    if awarded_on and awarded_on < certified_on:
        raise ValidationError(_("วันที่มอบต้องไม่ก่อนวันที่รับรอง"))
    if valid_until and valid_until <= certified_on:
        raise ValidationError(_("วันที่หมดอายุต้องอยู่หลังวันที่รับรอง"))


def issue_certificate(enrolment, *, by, certified_on=None, awarded_on=None, valid_until=None):
    """Issue the certificate of a unit that passed the provincial committee. Idempotent: a second call for
    the same enrolment returns the certificate it already has. The number's sequence is taken from the
    year's counter under a row lock in this transaction, so concurrent issuance never collides and a
    rolled-back issuance leaves no gap."""
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .select_related("year__province", "unit")
            .get(pk=enrolment.pk)
        )
        existing = Certificate.objects.filter(enrolment=enrolment).first()
        if existing is not None:
            return existing
        if enrolment.outcome in (Outcome.NOT_PASSED, Outcome.WITHDRAWN):
            raise ValidationError(
                _("ออกใบรับรองไม่ได้: ผลของหน่วยนับนี้คือ “%(o)s”") % {"o": enrolment.get_outcome_display()}
            )
        year = enrolment.year
        # the day of the meeting whose resolution passed the unit, never the day someone pressed a button
        certified_on = certified_on or resolution_day(enrolment.pk) or timezone.localdate()
        _check_dates(certified_on, awarded_on, valid_until)
        counter = _locked_counter(year)
        seq = counter.last_seq + 1
        number = format_number(year, seq, certified_on)
        if Certificate.objects.filter(year=year, number=number).exists():
            raise ValidationError(_("เลขที่ %(n)s มีอยู่แล้วในปีนี้ กรุณาตรวจสอบรูปแบบเลขที่ใบรับรอง") % {"n": number})
        cert = Certificate.objects.create(
            year=year,
            unit=enrolment.unit,
            enrolment=enrolment,
            number=number,
            seq=seq,
            certified_on=certified_on,
            awarded_on=awarded_on,
            valid_until=valid_until,
            issued_by=by,
        )
        counter.last_seq = seq
        counter.save(update_fields=["last_seq"])
        audit(
            by,
            "certificate.issued",
            cert,
            after=snapshot(cert, ["number", "enrolment", "certified_on", "awarded_on", "valid_until"]),
        )
        _notify_issued(cert, enrolment)
        _changed(cert, "issued")
    return cert


def revoke_certificate(cert, *, by, reason, by_correction=False):
    """Revoke with a reason (required). The number stays taken; the public page then says 'revoked'.
    `by_correction`: the committee corrected its pass (apps.evaluation.decisions.decide); such a revocation
    is undone only by correcting the decision again, never by reinstate_certificate."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("กรุณาระบุเหตุผลการเพิกถอนใบรับรอง"))
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().select_related("unit").get(pk=cert.pk)
        if cert.revoked_at:
            raise ValidationError(_("ใบรับรองนี้ถูกเพิกถอนไปแล้วเมื่อ %(d)s") % {"d": cert.revoked_at.date()})
        cert.revoked_at, cert.revoked_reason, cert.revoked_by = timezone.now(), reason, by
        cert.revoked_by_correction = by_correction
        cert.version += 1
        cert.save(
            update_fields=["revoked_at", "revoked_reason", "revoked_by", "revoked_by_correction", "version"]
        )
        CertificateEvent.objects.create(
            certificate=cert,
            action=CertificateEvent.Action.REVOKED,
            reason=reason,
            by=by,
            at=cert.revoked_at,
            by_correction=by_correction,
        )
        audit(
            by,
            "certificate.revoked",
            cert,
            before={"revoked_at": None},
            after={"revoked_at": cert.revoked_at, "by_correction": by_correction},
            reason=reason,
        )
        if not by_correction:  # a corrected decision already told the district (apps.evaluation.decisions)
            _notify_revoked(cert, reason)
        _changed(cert, "revoked")
    return cert


def _notify_revoked(cert, reason):
    _notify_district(
        cert,
        kind=NOTICE_REVOKED,
        title=_("เพิกถอนใบรับรองแล้ว: %(unit)s เลขที่ %(n)s") % {"unit": cert.unit, "n": cert.number},
        body=_(
            "ใบรับรองเลขที่ %(n)s ของ %(unit)s ถูกเพิกถอนโดยจังหวัด หน้าตรวจสอบใบรับรองจะแสดงว่าเพิกถอนแล้ว เหตุผล: %(r)s"
        )
        % {"n": cert.number, "unit": cert.unit, "r": reason},
    )


def _notify_reinstated(cert, reason):
    _notify_district(
        cert,
        kind=NOTICE_REINSTATED,
        title=_("คืนสถานะใบรับรองแล้ว: %(unit)s เลขที่ %(n)s") % {"unit": cert.unit, "n": cert.number},
        body=_(
            "ใบรับรองเลขที่ %(n)s ของ %(unit)s ที่เคยถูกเพิกถอน กลับมาใช้ได้ตามเดิม (เลขที่และรหัสตรวจสอบเดิม) เหตุผล: %(r)s"
        )
        % {"n": cert.number, "unit": cert.unit, "r": reason},
    )


def reinstate_certificate(cert, *, by, reason):
    """Undo a revocation made by mistake: the certificate is valid again with the same number and code; the
    revocation stays in the history (CertificateEvent) with this reinstatement. A reason is required. Under a
    row lock, so a double submit reinstates once and the second gets a Thai message. A revocation that came
    from correcting the committee's decision is refused: the decision is what must be corrected."""
    return _reinstate(cert, by=by, reason=reason, by_correction=False)


def reinstate_by_correction(cert, *, by, reason):
    """The committee corrected its decision back to pass (apps.evaluation.decisions.decide): the certificate its
    earlier correction revoked is valid again, same number and code, in the decision's transaction."""
    return _reinstate(cert, by=by, reason=reason, by_correction=True)


def _reinstate(cert, *, by, reason, by_correction):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("กรุณาระบุเหตุผลการคืนสถานะใบรับรอง"))
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().select_related("unit").get(pk=cert.pk)
        if not cert.revoked_at:
            raise ValidationError(_("ใบรับรองนี้ไม่ได้ถูกเพิกถอน จึงไม่ต้องคืนสถานะ"))
        if cert.revoked_by_correction != by_correction:
            if by_correction:
                raise ValidationError(_("ใบรับรองนี้ถูกเพิกถอนโดยจังหวัด ไม่ใช่จากการแก้ไขผลการตัดสิน"))
            raise ValidationError(
                _(
                    "ใบรับรองนี้ถูกเพิกถอนเพราะคณะกรรมการแก้ไขผลการตัดสินเป็นไม่ผ่าน จึงคืนสถานะที่นี่ไม่ได้ "
                    "หากผลการตัดสินไม่ถูกต้อง ให้คณะกรรมการแก้ไขผลการตัดสินแทน"
                )
            )
        before = {
            "revoked_at": cert.revoked_at,
            "revoked_reason": cert.revoked_reason,
            "revoked_by": cert.revoked_by_id,
        }
        cert.revoked_at, cert.revoked_reason, cert.revoked_by = None, "", None
        cert.revoked_by_correction = False
        cert.version += 1
        cert.save(
            update_fields=["revoked_at", "revoked_reason", "revoked_by", "revoked_by_correction", "version"]
        )
        CertificateEvent.objects.create(
            certificate=cert,
            action=CertificateEvent.Action.REINSTATED,
            reason=reason,
            by=by,
            by_correction=by_correction,
        )
        audit(by, "certificate.reinstated", cert, before=before, after={"revoked_at": None}, reason=reason)
        _notify_reinstated(cert, reason)
        _changed(cert, "reinstated")
    return cert


def set_award_date(cert, *, by, awarded_on, valid_until=UNCHANGED, expected_version=None):
    """Record or correct the award (ceremony) date, and optionally the validity. `expected_version` guards
    against two people editing at once."""
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().get(pk=cert.pk)
        if expected_version is not None and cert.version != expected_version:
            raise ValidationError(_("มีผู้อื่นแก้ไขใบรับรองนี้ไปแล้ว กรุณาโหลดหน้าใหม่แล้วแก้ไขอีกครั้ง"))
        if cert.revoked_at:
            raise ValidationError(_("ใบรับรองนี้ถูกเพิกถอนแล้ว แก้ไขวันที่ไม่ได้"))
        new_valid = cert.valid_until if valid_until is UNCHANGED else valid_until
        _check_dates(cert.certified_on, awarded_on, new_valid)
        before = snapshot(cert, ["awarded_on", "valid_until"])
        cert.awarded_on, cert.valid_until = awarded_on, new_valid
        cert.version += 1
        cert.save(update_fields=["awarded_on", "valid_until", "version"])
        audit(
            by,
            "certificate.dates_changed",
            cert,
            before=before,
            after=snapshot(cert, ["awarded_on", "valid_until"]),
        )
        _changed(cert, "dates_changed")
    return cert


def resolution_day(enrolment_id):
    """The day of the meeting whose resolution passed the unit at the last level (None: decided outside one)."""
    from apps.evaluation.models import RoundEntry

    return (
        RoundEntry.objects.filter(enrolment_id=enrolment_id, decided_in__isnull=False, decision="pass")
        .order_by("-decided_in__held_on")
        .values_list("decided_in__held_on", flat=True)
        .first()
    )


def set_certified_on(cert, *, by, certified_on, reason):
    """Correct the certificate's date: only with a reason, audited, and never before the provincial meeting
    whose resolution passed the unit (a meeting after the date asked for is refused)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().get(pk=cert.pk)
        if certified_on is None or certified_on == cert.certified_on:
            return cert
        if not reason:
            raise ValidationError({"reason": _("การแก้ไขวันที่รับรองต้องระบุเหตุผล")})
        day = resolution_day(cert.enrolment_id)
        if day and certified_on < day:
            from apps.core.thaidates import format_date

            raise ValidationError(
                {
                    "certified_on": _("วันที่รับรองต้องไม่ก่อนวันประชุมที่มีมติรับรองหน่วยนับนี้ (%(d)s): การประชุมอยู่หลังวันที่ที่ขอ")
                    % {"d": format_date(day)}
                }
            )
        _check_dates(certified_on, cert.awarded_on, cert.valid_until)
        before = snapshot(cert, ["certified_on"])
        cert.certified_on = certified_on
        cert.version += 1
        cert.save(update_fields=["certified_on", "version"])
        audit(
            by,
            "certificate.certified_on_changed",
            cert,
            before=before,
            after=snapshot(cert, ["certified_on"]),
            reason=reason,
        )
        _changed(cert, "dates_changed")
    return cert


def certified_without_certificate(year):
    """Enrolments of the year whose outcome is certified but that have no certificate yet."""
    return Enrolment.objects.filter(
        year=year, outcome=Outcome.CERTIFIED, certificate__isnull=True
    ).select_related("unit__district")


# --- PDFs -----------------------------------------------------------------------------------------


def _request_pdf(obj, *, by, kind, title, params=None, perm=None):
    from django.urls import reverse

    from apps.core.generated import request_file

    back = (
        reverse("certification:certificate", args=[obj.pk])
        if isinstance(obj, Certificate)
        else reverse("certification:certificates") + f"?year={obj.pk}"
    )
    return request_file(
        obj,
        kind=kind,
        title=title,
        by=by,
        params=params,
        perm=perm,
        back=back,
        ttl=dt.timedelta(days=PDF_KEEP_DAYS),
    )


def request_certificate_pdf(cert, *, by):
    """Queue the PDF of one certificate; returns the GeneratedFile to poll."""
    return _request_pdf(cert, by=by, kind=CERTIFICATE_KIND, title=_("ใบรับรอง %(n)s") % {"n": cert.number})


def request_year_pdf(year, *, by, district_id=None):
    """Queue one PDF with every valid certificate of the year (the ceremony print), optionally of one district."""
    title = _("ใบรับรองทั้งหมด ปีงบประมาณ %(fy)s") % {"fy": year.fiscal_year}
    if district_id:
        title += " " + _("อำเภอ %(d)s") % {"d": district_id}
    return _request_pdf(
        year,
        by=by,
        kind=YEAR_KIND,
        title=title,
        perm="certification.print",
        params={"district": district_id} if district_id else {},
    )
