"""Consent to publication (issue 19 item 2): record it, withdraw it. A withdrawal takes effect at once: the
unit's photos go back to internal (photo), the public site hides a leader's profile (name) and drops a phone
or address from what its texts may show (phone, address); the public cache is renewed by the signal's
receiver. Both are audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit

from .enums import ConsentChannel, ConsentPurpose
from .models import Consent, Photo
from .signals import consent_withdrawn


def consented_purposes(unit):
    """The purposes a unit's person has an active consent for (one query)."""
    return set(Consent.objects.filter(unit=unit).active().values_list("purpose", flat=True))


def consented_values(unit):
    """The phone and address the public site may show for this unit: only those the person's active consent
    covers (the checker then allows them, apps.public.gate)."""
    purposes = consented_purposes(unit) if (unit.phone or unit.address) else set()
    values = []
    if ConsentPurpose.PHONE in purposes and unit.phone:
        values.append(unit.phone)
    if ConsentPurpose.ADDRESS in purposes and unit.address:
        values.append(unit.address)
    return tuple(values)


def _after(unit):
    return {"unit": unit.pk}


@transaction.atomic
def record_consent(unit, *, purposes, given_by, given_on, channel, scan=None, note="", by):
    """One Consent row per purpose. A paper form needs its scan; a typed one says who told the officer."""
    purposes = [p for p in purposes if p in ConsentPurpose.values]
    if not purposes:
        raise ValidationError({"purposes": _("เลือกอย่างน้อยหนึ่งเรื่องที่ยินยอมให้เผยแพร่")})
    if channel == ConsentChannel.PAPER and not scan:
        raise ValidationError({"scan": _("ความยินยอมแบบกระดาษต้องแนบไฟล์สแกนแบบฟอร์ม")})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("วันที่ให้ความยินยอมต้องไม่เป็นวันในอนาคต")})
    rows = []
    for p in purposes:
        c = Consent(
            unit=unit,
            purpose=p,
            given_by=given_by,
            given_on=given_on,
            channel=channel,
            note=note,
            recorded_by=by,
        )
        if scan:
            scan.seek(0)
            c.scan.save(scan.name, scan, save=False)
        c.save()
        audit(
            by,
            "consent.recorded",
            c,
            after={
                "unit": unit.pk,
                "purpose": p,
                "channel": channel,
                "given_on": given_on,
                "scan": bool(scan),
            },
        )
        rows.append(c)
    return rows


@transaction.atomic
def withdraw_consent(consent, *, withdrawn_on, channel, note="", by):
    """Withdraw now: the public site stops showing what the consent covered before this returns."""
    consent = Consent.objects.select_for_update().select_related("unit").get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("ความยินยอมนี้ถูกถอนไปแล้ว"))
    if channel not in ConsentChannel.values:
        raise ValidationError({"channel": _("เลือกช่องทางการถอนความยินยอม")})
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("วันที่ถอนความยินยอมต้องไม่เป็นวันในอนาคต")})
    consent.withdrawn_on, consent.withdrawn_channel, consent.withdrawn_note = withdrawn_on, channel, note
    consent.withdrawn_at, consent.withdrawn_by = timezone.now(), by
    consent.save(
        update_fields=["withdrawn_on", "withdrawn_channel", "withdrawn_note", "withdrawn_at", "withdrawn_by"]
    )
    unit = consent.unit
    still = consented_purposes(unit)
    unpublished = []
    if consent.purpose == ConsentPurpose.PHOTO and ConsentPurpose.PHOTO not in still:
        ids = list(Photo.objects.filter(unit=unit, is_public=True).values_list("pk", flat=True))
        if ids:
            Photo.objects.filter(pk__in=ids).update(is_public=False)
            unpublished.append({"photos": ids})
    audit(
        by,
        "consent.withdrawn",
        consent,
        after={"unit": unit.pk, "purpose": consent.purpose, "channel": channel, "withdrawn_on": withdrawn_on},
        reason=note,
    )
    if consent.purpose not in still:
        consent_withdrawn.send(sender=Consent, unit=unit, purpose=consent.purpose, by=by)
    return consent
