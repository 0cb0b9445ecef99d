"""Invalidate the public cache whenever something a public page shows changes — and only then.

Public pages show certified units only (apps.public.selectors), and of their photos only those marked public. A
deadline day saves hundreds of internal photos and edits units still on their way: those leave the public cache
(and the directory index every process keeps per generation) alone, so the public site stays served from it."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .cache import bump_generation


def _certificate_changed(sender, certificate=None, action=None, **kwargs):
    """Sent by apps.certification.services after commit (issued, revoked, dates changed): covers changes
    that bypass post_save (queryset updates in services) and re-bumps once the rows are visible."""
    bump_generation()


def _photo_before_save(sender, instance, **kwargs):
    """A photo touches public pages when it is public now or was before this save (made internal)."""
    was_public = (
        not instance._state.adding
        and not instance.is_public
        and sender.objects.filter(pk=instance.pk, is_public=True).exists()
    )
    instance._touches_public = instance.is_public or was_public


def _photo_saved(sender, instance, **kwargs):
    if getattr(instance, "_touches_public", True):
        bump_generation()


def _photo_deleted(sender, instance, **kwargs):
    if instance.is_public:
        bump_generation()


def _unit_saved(sender, instance, **kwargs):
    """A unit is on public pages only with a certificate (revoked ones too: revoking re-bumps anyway)."""
    from apps.certification.models import Certificate

    if Certificate.objects.filter(unit_id=instance.pk).exists():
        bump_generation()


def connect():
    from apps.certification.models import Certificate, Honour
    from apps.certification.signals import certificate_changed
    from apps.evaluation.models import Exemplar
    from apps.registry.models import Photo, Unit

    from .models import OfficeContact, PrivacyContact, PublicProfile

    for model in (PublicProfile, Certificate, Honour, Exemplar, OfficeContact, PrivacyContact):
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"public-cache-save-{model.__name__}")
        post_delete.connect(
            bump_generation, sender=model, dispatch_uid=f"public-cache-delete-{model.__name__}"
        )
    pre_save.connect(_photo_before_save, sender=Photo, dispatch_uid="public-cache-photo-before")
    post_save.connect(_photo_saved, sender=Photo, dispatch_uid="public-cache-save-Photo")
    post_delete.connect(_photo_deleted, sender=Photo, dispatch_uid="public-cache-delete-Photo")
    post_save.connect(_unit_saved, sender=Unit, dispatch_uid="public-cache-save-Unit")
    post_delete.connect(bump_generation, sender=Unit, dispatch_uid="public-cache-delete-Unit")
    m2m_changed.connect(
        bump_generation, sender=PublicProfile.photos.through, dispatch_uid="public-cache-photos"
    )
    certificate_changed.connect(_certificate_changed, dispatch_uid="public-cache-certificate-changed")
