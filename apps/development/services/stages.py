"""The stage moves that rest on development work: stage 3 → 4 needs a submitted self-development plan, stage
4 → 5 a self-assessment (guideline 2.5). The move itself is the registry's (apps.registry.stages.advance)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.registry import stages
from apps.registry.enums import Stage

from ..enums import PlanStatus
from ..models import Plan, SelfAssessment


def _has_submitted_plan(e):
    if not Plan.objects.filter(enrolment=e, status=PlanStatus.SUBMITTED).exists():
        raise ValidationError(_("ต้องส่งแผนพัฒนาตนเองก่อน จึงจะเข้าสู่ขั้นการเรียนรู้และพัฒนาตนเองได้"))


def _has_self_assessment(e):
    if not SelfAssessment.objects.filter(enrolment=e, percent__isnull=False).exists():
        raise ValidationError(_("ยังไม่ได้บันทึกผลการประเมินตนเอง จึงขอรับการประเมินไม่ได้"))


def enter_self_development(enrolment, *, by, reason=""):
    """Stage 3 → 4: the unit's self-development plan was submitted by the district."""
    return stages.advance(
        enrolment,
        Stage.REINFORCEMENT,
        Stage.SELF_DEVELOPMENT,
        by=by,
        reason=reason or _("ส่งแผนพัฒนาตนเองแล้ว"),
        check=_has_submitted_plan,
    )


def request_evaluation(enrolment, *, by, reason=""):
    """Stage 4 → 5: the district asks for evaluation (needs a self-assessment and a submitted plan)."""
    return stages.advance(
        enrolment,
        Stage.SELF_DEVELOPMENT,
        Stage.EVALUATION,
        by=by,
        reason=reason or _("อำเภอขอรับการประเมิน"),
        check=_has_self_assessment,
    )
