from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetType(models.TextChoices):
    LEADER = "leader", _("ผู้นำชุมชน")
    GROUP = "group", _("กลุ่ม/องค์กรชุมชน")
    NETWORK = "network", _("เครือข่ายองค์การชุมชน")
    COMMUNITY = "community", _("ชุมชน")


class Stage(models.IntegerChoices):
    PREPARATION = 1, _("ขั้นเตรียมการ")
    RECRUITMENT = 2, _("ขั้นรับสมัคร")
    REINFORCEMENT = 3, _("ขั้นเสริมสร้างการเรียนรู้")
    SELF_DEVELOPMENT = 4, _("ขั้นการเรียนรู้และพัฒนาตนเอง")
    EVALUATION = 5, _("ขั้นประเมินเพื่อรับรองการพัฒนาตนเอง")


class Outcome(models.TextChoices):
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    CERTIFIED = "certified", _("ผ่านการรับรอง")
    NOT_PASSED = "not_passed", _("ยังไม่ผ่าน")
    WITHDRAWN = "withdrawn", _("ถอนตัว")


class DeadlineKind(models.TextChoices):
    """The reports of guideline 2.7 and 2.8."""

    APPLICANT_LIST = "applicant_list", _("สรุปรายชื่อกลุ่มเป้าหมายที่สมัคร (2.7.1)")
    PLANS = "plans", _("แผนการพัฒนาตนเอง (2.7.2)")
    RESULTS = "results", _("ผลการเรียนรู้และผลการประเมินระดับอำเภอ (2.7.2)")
    PHOTOS = "photos", _("ภาพกิจกรรมขั้นตอนที่ 1–5 (2.7.3)")
    EXEMPLAR = "exemplar", _("นำเสนอต้นแบบ PowerPoint (2.8)")


# The stage a report closes: its deadline may not fall after that stage ends.
DEADLINE_STAGE = {
    DeadlineKind.APPLICANT_LIST: Stage.RECRUITMENT,
    DeadlineKind.PLANS: Stage.REINFORCEMENT,
    DeadlineKind.RESULTS: Stage.EVALUATION,
    DeadlineKind.PHOTOS: Stage.EVALUATION,
    DeadlineKind.EXEMPLAR: Stage.EVALUATION,
}

# The guideline's dates as (month, day), shifted to each fiscal year (guideline 2.7, 2.8).
GUIDELINE_DEADLINES = {
    DeadlineKind.APPLICANT_LIST: (11, 20),
    DeadlineKind.PLANS: (2, 5),
    DeadlineKind.RESULTS: (7, 20),
    DeadlineKind.PHOTOS: (9, 15),
    DeadlineKind.EXEMPLAR: (8, 31),
}

# Default stage calendar as ((start month, day), (end month, day)).
DEFAULT_STAGE_CALENDAR = {
    Stage.PREPARATION: ((10, 1), (10, 31)),
    Stage.RECRUITMENT: ((11, 1), (11, 30)),
    Stage.REINFORCEMENT: ((12, 1), (2, 28)),
    Stage.SELF_DEVELOPMENT: ((3, 1), (6, 30)),
    Stage.EVALUATION: ((7, 1), (9, 30)),
}

GUIDELINE_SUBTYPES = {
    TargetType.LEADER: ["อช./ผู้นำ อช.", "ผู้นำสัมมาชีพชุมชน"],
    TargetType.GROUP: [
        "กลุ่มออมทรัพย์เพื่อการผลิต",
        "กพสม.",
        "กพสต.",
        "กพสอ.",
        "กข.คจ.",
        "ศูนย์เรียนรู้ชุมชน",
        "กองทุนแม่ของแผ่นดิน",
    ],
    TargetType.NETWORK: ["ศอช.ต."],
    TargetType.COMMUNITY: ["หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ"],
}


class EvaluationLevel(models.TextChoices):
    DISTRICT = "district", _("คณะกรรมการ มชช. อำเภอ")
    ZONE = "zone", _("คณะทำงานระดับโซนอำเภอ")
    SUBCOMMITTEE = "subcommittee", _("อนุกรรมการประเมินระดับจังหวัด")
    COMMITTEE = "committee", _("คณะกรรมการ มชช. จังหวัด")


LEVEL_ORDER = [
    EvaluationLevel.DISTRICT,
    EvaluationLevel.ZONE,
    EvaluationLevel.SUBCOMMITTEE,
    EvaluationLevel.COMMITTEE,
]


class PrepKind(models.TextChoices):
    """Stage 1 work of a district (guideline 2.1–2.4)."""

    BRIEFING = "briefing", _("ประชุมชี้แจงเจ้าหน้าที่ (2.1–2.2)")
    COMMITTEE_MEETING = "committee_meeting", _("ประชุมคณะกรรมการ มชช. อำเภอ (2.3)")
    LOCAL_GUIDELINE = "local_guideline", _("แนวทางการดำเนินงานของอำเภอ (2.3)")
    PUBLICITY = "publicity", _("ประชาสัมพันธ์เชิญชวนกลุ่มเป้าหมาย (2.4)")


class PartnerKind(models.TextChoices):
    """Guideline 2.3, 2.6: ภาคีการพัฒนา/เครือข่ายผู้ผ่าน มชช."""

    DEVELOPMENT = "development", _("ภาคีการพัฒนา")
    ALUMNI = "alumni", _("เครือข่ายผู้ผ่าน มชช.")


# Outcomes of the previous year that a district may carry over (guideline 1.4: "ยังไม่ผ่านการประเมิน
# หรือยังไม่ขอรับการประเมิน").
CARRY_OVER_OUTCOMES = {Outcome.NOT_PASSED, Outcome.IN_PROGRESS}


class ConsentPurpose(models.TextChoices):
    """What a person agreed may be published (issue 19 item 2); the registry itself needs no consent."""

    NAME = "name", _("ชื่อ-สกุล")
    PHOTO = "photo", _("ภาพถ่าย")
    PHONE = "phone", _("โทรศัพท์")
    ADDRESS = "address", _("ที่อยู่")


class ConsentChannel(models.TextChoices):
    PAPER = "paper", _("แบบฟอร์มกระดาษ (แนบไฟล์สแกน)")
    TYPED = "typed", _("เจ้าหน้าที่บันทึกตามที่แจ้ง")


class RequestKind(models.TextChoices):
    """The rights of a data subject a request asks for (PDPA sections 30–36, 19)."""

    ACCESS = "access", _("ขอเข้าถึงและขอรับสำเนา")
    RECTIFICATION = "rectification", _("ขอแก้ไขให้ถูกต้อง")
    ERASURE = "erasure", _("ขอให้ลบหรือทำให้ไม่สามารถระบุตัวตนได้")
    OBJECTION = "objection", _("คัดค้านการเก็บ ใช้ หรือเปิดเผย")
    WITHDRAWAL = "withdrawal", _("ถอนความยินยอม")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("กำลังดำเนินการ")
    DONE = "done", _("ดำเนินการแล้ว")
    REFUSED = "refused", _("ปฏิเสธ (แจ้งเหตุผลแล้ว)")
