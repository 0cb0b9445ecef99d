"""Is a unit ready to be evaluated? Guideline 2.5: a unit reaches the evaluation stage with its self-assessment
(stage 3) and a self-development plan it carried out (stages 3–4). A unit without them does not enter a round,
unless provincial staff let it in with a written reason, shown on the round page (RoundEntry.override_reason)."""

from django.utils.translation import gettext as _

from apps.development.enums import PlanStatus
from apps.development.models import Plan, SelfAssessment


def gaps_of(enrolment_ids):
    """{enrolment_id: [what is missing, in Thai]} for those of `enrolment_ids` that lack something; two queries
    for any number of units (the round page lists up to 300 candidates)."""
    ids = set(enrolment_ids)
    assessed = set(
        SelfAssessment.objects.filter(enrolment_id__in=ids, percent__isnull=False).values_list(
            "enrolment_id", flat=True
        )
    )
    planned = set(
        Plan.objects.filter(enrolment_id__in=ids, status=PlanStatus.SUBMITTED).values_list(
            "enrolment_id", flat=True
        )
    )
    out = {}
    for pk in ids:
        missing = []
        if pk not in assessed:
            missing.append(_("ผลการประเมินตนเอง"))
        if pk not in planned:
            missing.append(_("แผนพัฒนาตนเองที่ส่งแล้ว"))
        if missing:
            out[pk] = missing
    return out


def gap_message(missing):
    return _(
        "หน่วยนับนี้ยังไม่มี%(what)s จึงเข้ารอบการประเมินไม่ได้ "
        "(เจ้าหน้าที่จังหวัดนำเข้ารอบได้เมื่อระบุเหตุผลที่ยกเว้น ซึ่งจะแสดงในหน้ารอบการประเมิน)"
    ) % {"what": _(" และ").join(missing)}
