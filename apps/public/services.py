"""Transitions of public profiles: draft (district or province) → submitted (district) → published (province);
hide / show again; choose photos. Each validates, writes with update_fields and audits in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit, snapshot

from .enums import ProfileStatus
from .gate import check_caption, check_profile
from .models import PublicProfile
from .selectors import certified_units

TEXT_FIELDS = ["summary", "results", "practices"]
STALE = _("มีผู้อื่นแก้ไขโปรไฟล์นี้ไปแล้ว กรุณาเปิดหน้าใหม่แล้วแก้ไขอีกครั้ง")


def profile_for(unit):
    """The profile of a certified unit, created empty on first use."""
    if not certified_units().filter(pk=unit.pk).exists():
        raise ValidationError(_("หน่วยนับนี้ยังไม่ผ่านการรับรอง จึงยังไม่มีโปรไฟล์สาธารณะ"))
    profile, _created = PublicProfile.objects.get_or_create(unit=unit)
    return profile


def _bump(profile, by, fields, expected_version=None):
    """Optimistic concurrency: write only if nobody saved since `expected_version`."""
    qs = PublicProfile.objects.filter(pk=profile.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    values = {f: getattr(profile, f) for f in fields}
    if not qs.update(version=F("version") + 1, updated_by=by, updated_at=timezone.now(), **values):
        raise ValidationError(STALE)
    profile.refresh_from_db(fields=["version", "updated_at"])
    # post_save is what invalidates the public cache; update() does not send it.
    from .cache import bump_generation

    bump_generation()


@transaction.atomic
def save_draft(profile, *, by, summary, results, practices, version):
    before = snapshot(profile, TEXT_FIELDS + ["status"])
    profile.summary, profile.results, profile.practices = summary.strip(), results.strip(), practices.strip()
    if profile.status == ProfileStatus.PUBLISHED and profile.has_unpublished_changes:
        profile.status = ProfileStatus.DRAFT
    _bump(profile, by, TEXT_FIELDS + ["status"], expected_version=version)
    audit(
        by,
        "public_profile.draft_saved",
        profile,
        before=before,
        after=snapshot(profile, TEXT_FIELDS + ["status"]),
    )
    return profile


@transaction.atomic
def submit_profile(profile, *, by):
    """The district sends its draft to the province for publication."""
    if not profile.summary.strip():
        raise ValidationError(_("กรุณาเขียนสรุปสิ่งที่หน่วยนับทำก่อนส่งให้จังหวัด"))
    if profile.status == ProfileStatus.SUBMITTED:
        raise ValidationError(_("ส่งให้จังหวัดแล้ว รอจังหวัดเผยแพร่"))
    if profile.status == ProfileStatus.PUBLISHED and not profile.has_unpublished_changes:
        raise ValidationError(_("เผยแพร่ฉบับนี้แล้ว ไม่มีการแก้ไขที่ต้องส่ง"))
    check_profile(profile)  # personal data blocks with a Thai message; the draft stays as it is
    before = profile.status
    profile.status = ProfileStatus.SUBMITTED
    _bump(profile, by, ["status"])
    audit(
        by, "public_profile.submitted", profile, before={"status": before}, after={"status": profile.status}
    )
    return profile


@transaction.atomic
def publish_profile(profile, *, by):
    """The province publishes the current draft: the public sees it from now on."""
    if not profile.summary.strip():
        raise ValidationError(_("โปรไฟล์ยังไม่มีสรุปสิ่งที่หน่วยนับทำ จึงเผยแพร่ไม่ได้"))
    check_profile(profile)  # again: the draft may have changed, or a caption or honour since the submit
    before = snapshot(profile, ["status", "pub_summary", "pub_results", "pub_practices"])
    profile.pub_summary, profile.pub_results, profile.pub_practices = (
        profile.summary,
        profile.results,
        profile.practices,
    )
    profile.status = ProfileStatus.PUBLISHED
    profile.published_at, profile.published_by = timezone.now(), by
    _bump(
        profile, by, ["status", "pub_summary", "pub_results", "pub_practices", "published_at", "published_by"]
    )
    audit(
        by,
        "public_profile.published",
        profile,
        before=before,
        after=snapshot(profile, ["status", "pub_summary", "pub_results", "pub_practices"]),
    )
    return profile


@transaction.atomic
def hide_profile(profile, *, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("กรุณาระบุเหตุผลที่ซ่อนโปรไฟล์"))
    if profile.is_hidden:
        raise ValidationError(_("โปรไฟล์นี้ถูกซ่อนอยู่แล้ว"))
    profile.is_hidden, profile.hidden_reason, profile.hidden_at = True, reason[:255], timezone.now()
    _bump(profile, by, ["is_hidden", "hidden_reason", "hidden_at"])
    audit(
        by,
        "public_profile.hidden",
        profile,
        before={"is_hidden": False},
        after={"is_hidden": True},
        reason=reason,
    )
    return profile


@transaction.atomic
def unhide_profile(profile, *, by):
    if not profile.is_hidden:
        raise ValidationError(_("โปรไฟล์นี้แสดงต่อสาธารณะอยู่แล้ว"))
    from .gate import check_name_consent

    check_name_consent(profile.unit)
    reason = profile.hidden_reason
    profile.is_hidden, profile.hidden_reason, profile.hidden_at = False, "", None
    _bump(profile, by, ["is_hidden", "hidden_reason", "hidden_at"])
    audit(
        by,
        "public_profile.shown",
        profile,
        before={"is_hidden": True, "hidden_reason": reason},
        after={"is_hidden": False},
    )
    return profile


@transaction.atomic
def choose_photos(profile, *, by, photos, cover=None):
    """Only the unit's own photos that are marked public may be chosen (internal photos never)."""
    photos = list(photos)
    bad = [p for p in photos + ([cover] if cover else []) if p.unit_id != profile.unit_id or not p.is_public]
    if bad:
        raise ValidationError(_("เลือกได้เฉพาะภาพของหน่วยนับนี้ที่ระบุว่าเผยแพร่สาธารณะได้"))
    found = []
    for p in dict.fromkeys(photos + ([cover] if cover else [])):
        try:
            check_caption(p.caption, profile.unit)
        except ValidationError as exc:
            found += exc.messages
    if found:
        raise ValidationError(found)
    if cover and cover not in photos:
        photos.append(cover)
    before = {
        "photos": sorted(profile.photos.values_list("pk", flat=True)),
        "cover_photo": profile.cover_photo_id,
    }
    profile.photos.set(photos)
    profile.cover_photo = cover
    _bump(profile, by, ["cover_photo"])
    audit(
        by,
        "public_profile.photos_chosen",
        profile,
        before=before,
        after={"photos": sorted(p.pk for p in photos), "cover_photo": cover.pk if cover else None},
    )
    return profile


PRIVACY_CONTACT_FIELDS = ["controller", "address", "phone", "email", "dpo_name", "dpo_email", "dpo_phone"]


@transaction.atomic
def save_privacy_contact(contact, data, *, by):
    """The controller and DPO printed on /privacy/ for one province (the public cache follows by signal)."""
    from .models import PrivacyContact

    is_new = contact.pk is None
    before = None if is_new else snapshot(PrivacyContact.objects.get(pk=contact.pk), PRIVACY_CONTACT_FIELDS)
    for f in PRIVACY_CONTACT_FIELDS:
        setattr(contact, f, data.get(f, "") or "")
    contact.updated_by = by
    contact.full_clean(exclude=["updated_by"])
    contact.save()
    audit(
        by, "privacy.contact_saved", contact, before=before, after=snapshot(contact, PRIVACY_CONTACT_FIELDS)
    )
    return contact
