from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileStatus(models.TextChoices):
    """DESIGN §7: the district drafts the profile, the province publishes it (guideline 2.11)."""

    DRAFT = "draft", _("ฉบับร่าง")
    SUBMITTED = "submitted", _("อำเภอส่งให้จังหวัดแล้ว")
    PUBLISHED = "published", _("เผยแพร่แล้ว")
