from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("ประธาน")
    VICE_CHAIR = "vice_chair", _("รองประธาน")
    MEMBER = "member", _("กรรมการ")
    SECRETARY = "secretary", _("กรรมการและเลขานุการ")


# The members who record the committee's decision (DESIGN §1: chair or secretary).
DECIDING_ROLES = {CommitteeRole.CHAIR, CommitteeRole.SECRETARY}


class PresentationMode(models.TextChoices):
    IN_PERSON = "in_person", _("นำเสนอ ณ สถานที่")
    ONLINE = "online", _("นำเสนอออนไลน์")
    RECORDED = "recorded", _("ส่งไฟล์บันทึกการนำเสนอ")


class Decision(models.TextChoices):
    PASS = "pass", _("ผ่าน")
    NOT_PASS = "not_pass", _("ไม่ผ่าน")
    RETURN = "return", _("ส่งกลับให้ปรับปรุง")


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว")
