"""The privacy gate of the public site (issue 19): which texts a profile publishes, checked with the one checker
(`apps.core.privacy`) before submit and publish, and again when a page is drawn.

A profile publishes its three texts, the captions of the unit's photos marked public (the page shows the chosen
ones, or any of them when none are chosen, and `public:photo` serves every one of them) and its honours' titles
and givers. Texts published before the checker existed may still hold personal data: `withheld` leaves such a
field out of the page, the PDF and the Open Graph text, and logs which field (never the text) so staff can
correct it."""

import logging

from django.utils.translation import gettext_lazy as _

from apps.core.privacy import find_private, validate_publishable
from apps.registry.models import Photo

from .models import PublicProfile

logger = logging.getLogger("apps.public.privacy")

CAPTION = _("คำบรรยายภาพ")
HONOUR_TITLE = _("ชื่อรางวัล/เกียรติบัตร")
HONOUR_GIVER = _("ผู้มอบรางวัล")


def allowed_names(unit, *, consented=False):
    """What a text about `unit` may name: its public names and, with `consented`, the phone and address the
    person's recorded consent covers (one query; lists leave it off and simply withhold such a text)."""
    if not consented:
        return unit.public_names
    from apps.registry.services_consent import consented_values

    return unit.public_names + consented_values(unit)


def check_name_consent(unit):
    """A leader who withdrew consent to publishing the name has no public profile until consent is given again."""
    from django.core.exceptions import ValidationError

    from apps.registry.enums import ConsentPurpose
    from apps.registry.models import Consent

    if not unit.is_leader:
        return
    rows = Consent.objects.filter(unit=unit, purpose=ConsentPurpose.NAME)
    if rows.filter(withdrawn_at__isnull=False).exists() and not rows.active().exists():
        raise ValidationError(_("ผู้นำถอนความยินยอมให้เผยแพร่ชื่อแล้ว เผยแพร่โปรไฟล์ไม่ได้จนกว่าจะบันทึกความยินยอมใหม่"))


def draft_texts(profile):
    """(field label, text) of everything publishing this profile would put on the public site."""
    texts = [(PublicProfile._meta.get_field(f).verbose_name, getattr(profile, f)) for f in PUBLISHED_FIELDS]
    captions = Photo.objects.filter(unit_id=profile.unit_id, is_public=True).values_list("caption", flat=True)
    texts += [(CAPTION, c) for c in captions]
    for title, given_by in profile.unit.honours.values_list("title", "given_by"):
        texts += [(HONOUR_TITLE, title), (HONOUR_GIVER, given_by)]
    return texts


PUBLISHED_FIELDS = ("summary", "results", "practices")


def check_profile(profile):
    """Raise a ValidationError (one Thai message per finding) if publishing would show personal data."""
    check_name_consent(profile.unit)
    validate_publishable(draft_texts(profile), allowed_names(profile.unit, consented=True))


def check_caption(caption, unit=None):
    """A caption of a photo marked public: the unit's own names allowed, nothing else personal."""
    validate_publishable([(CAPTION, caption)], allowed_names(unit) if unit is not None else ())


def withheld(text, allowed, *, unit_id, field):
    """`text` if it is publishable, else '' — logged with the unit and the field, never the text itself."""
    if not text:
        return text
    found = find_private(text, allowed)
    if not found:
        return text
    logger.warning(
        "public text withheld: unit %s, field %s, kinds %s",
        unit_id,
        field,
        ",".join(sorted({f.kind for f in found})),
        extra={"unit_id": unit_id, "field": field},
    )
    return ""
