from django.db import models
from django.utils.translation import gettext_lazy as _


class Combine(models.TextChoices):
    AND = "and", _("และ (ต้องผ่านทั้งสองเงื่อนไข)")
    OR = "or", _("หรือ (ผ่านเงื่อนไขใดเงื่อนไขหนึ่ง)")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว")


class Progress(models.TextChoices):
    PENDING = "pending", _("ยังไม่รายงาน")
    DONE = "done", _("ดำเนินการแล้ว")
    PARTLY = "partly", _("ดำเนินการบางส่วน")
    NOT_DONE = "not_done", _("ยังไม่ได้ดำเนินการ")


class VisitKind(models.TextChoices):
    VISIT = "visit", _("ติดตามนิเทศ")
    LEARNING = "learning", _("เวทีแลกเปลี่ยนเรียนรู้")
    PARTNER = "partner", _("ภาคีการพัฒนาสนับสนุน")


# Stages whose self-assessment and plan may still be changed.
EDITABLE_STAGES = {2, 3, 4}
