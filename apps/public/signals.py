"""Invalidate the public cache whenever something a public page shows changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import bump_generation


def _certificate_changed(sender, certificate=None, action=None, **kwargs):
    """Sent by apps.certification.services after commit (issued, revoked, dates changed): covers changes
    that bypass post_save (queryset updates in services) and re-bumps once the rows are visible."""
    bump_generation()


def connect():
    from apps.certification.models import Certificate, Honour
    from apps.certification.signals import certificate_changed
    from apps.registry.models import Photo, Unit

    from .models import OfficeContact, PrivacyContact, PublicProfile

    for model in (PublicProfile, Certificate, Honour, Photo, Unit, OfficeContact, PrivacyContact):
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"public-cache-save-{model.__name__}")
        post_delete.connect(
            bump_generation, sender=model, dispatch_uid=f"public-cache-delete-{model.__name__}"
        )
    m2m_changed.connect(
        bump_generation, sender=PublicProfile.photos.through, dispatch_uid="public-cache-photos"
    )
    certificate_changed.connect(_certificate_changed, dispatch_uid="public-cache-certificate-changed")
