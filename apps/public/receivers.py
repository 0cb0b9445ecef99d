"""What the public site does when the registry says a person withdrew consent (issue 19 item 2)."""

from django.utils.translation import gettext as _

from apps.registry.enums import ConsentPurpose

from . import services
from .cache import bump_generation
from .models import PublicProfile


def on_consent_withdrawn(sender, unit, purpose, by=None, **kwargs):
    """Name of a leader → the profile is hidden (the unit's name is the person's); photo → the profile's chosen
    photos and cover are cleared (the registry made them internal); phone, address → nothing to change: the
    page's texts are checked again without them. Every case renews the public cache at once."""
    profile = PublicProfile.objects.filter(unit=unit).first()
    if purpose == ConsentPurpose.NAME and unit.is_leader:
        # the directory lists a certified unit by name even without a profile: a hidden profile keeps it out
        profile = profile or PublicProfile.objects.create(unit=unit)
        if not profile.is_hidden:
            services.hide_profile(profile, by=by, reason=_("เจ้าของข้อมูลถอนความยินยอมให้เผยแพร่ชื่อ"))
    elif profile is not None:
        if purpose == ConsentPurpose.PHOTO:
            profile.photos.clear()
            if profile.cover_photo_id:
                PublicProfile.objects.filter(pk=profile.pk).update(cover_photo=None)
    bump_generation()


def connect():
    from apps.registry.signals import consent_withdrawn

    consent_withdrawn.connect(on_consent_withdrawn, dispatch_uid="public-consent-withdrawn")
