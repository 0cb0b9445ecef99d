"""Self-assessment of an enrolled unit: start, save scores (checked against the scale), evidence files,
the unit's own community indicators."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.audit import audit
from apps.core.forms import validate_upload
from apps.registry.enums import Outcome

from ..enums import EDITABLE_STAGES
from ..models import Answer, CommunityIndicator, EvidenceFile, SelfAssessment
from ..scoring import check_score, evaluate
from ..selectors import indicators_of, standard_set_for

HEADER_FIELDS = ["assessed_on", "participants", "note"]


def check_editable(enrolment):
    if enrolment.outcome != Outcome.IN_PROGRESS:
        raise ValidationError(_("หน่วยนับนี้มีผลของปีแล้ว จึงแก้ไขไม่ได้"))
    if enrolment.stage not in EDITABLE_STAGES:
        raise ValidationError(_("หน่วยนับนี้อยู่ในขั้นประเมินเพื่อรับรองแล้ว จึงแก้ไขการประเมินตนเองและแผนไม่ได้"))


@transaction.atomic
def start_assessment(enrolment, *, by):
    existing = SelfAssessment.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    check_editable(enrolment)
    s = standard_set_for(enrolment)
    if s is None:
        raise ValidationError(
            _("ยังไม่มีชุดมาตรฐานที่ประกาศใช้สำหรับ%(t)s ปี %(fy)s กรุณาติดต่อเจ้าหน้าที่จังหวัด")
            % {"t": enrolment.unit.get_target_type_display(), "fy": enrolment.year.fiscal_year}
        )
    sa = SelfAssessment.objects.create(enrolment=enrolment, standard_set=s, updated_by=by)
    audit(by, "self_assessment.started", sa, after={"standard_set": s.pk, "version": s.version})
    return sa


@transaction.atomic
def save_assessment(assessment, *, scores, notes, header, by, version=None):
    """Save all scores at once: every score is checked against its indicator's scale first; one bad score
    refuses the whole form (nothing half-saved). Stores the computed percent and pass/fail."""
    sa = (
        SelfAssessment.objects.select_for_update()
        .select_related("enrolment__unit", "enrolment__year", "standard_set")
        .get(pk=assessment.pk)
    )
    check_editable(sa.enrolment)
    if version is not None and int(version) != sa.version:
        raise ValidationError(_("มีผู้อื่นแก้ไขแบบประเมินนี้ไปแล้ว กรุณาโหลดหน้าใหม่แล้วกรอกอีกครั้ง"))
    indicators = list(indicators_of(sa.standard_set))
    errors, clean = [], {}
    for ind in indicators:
        try:
            clean[ind.pk] = check_score(ind, scores.get(ind.pk))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    existing = {a.indicator_id: a for a in sa.answers.all()}
    before = {str(k): (str(a.score) if a.score is not None else None) for k, a in existing.items()}
    for ind in indicators:
        a = existing.get(ind.pk)
        note = (notes.get(ind.pk) or "").strip()
        if a is None:
            if clean[ind.pk] is None and not note:
                continue
            Answer.objects.create(assessment=sa, indicator=ind, score=clean[ind.pk], evidence_note=note)
        elif a.score != clean[ind.pk] or a.evidence_note != note:
            a.score, a.evidence_note = clean[ind.pk], note
            a.save(update_fields=["score", "evidence_note"])
    result = evaluate(sa.standard_set, clean, indicators=indicators)
    for f in HEADER_FIELDS:
        if f in header:
            setattr(sa, f, header[f])
    sa.percent, sa.passed = result.percent, result.passed
    sa.version += 1
    sa.updated_by = by
    sa.save(update_fields=[*HEADER_FIELDS, "percent", "passed", "version", "updated_by", "updated_at"])
    audit(
        by,
        "self_assessment.saved",
        sa,
        before={"scores": before},
        after={
            "scores": {str(k): (str(v) if v is not None else None) for k, v in clean.items()},
            "percent": result.percent,
            "passed": result.passed,
        },
    )
    return result


def result_of(assessment, indicators=None):
    """The current result from stored answers."""
    scores = {a.indicator_id: a.score for a in assessment.answers.all()}
    return evaluate(assessment.standard_set, scores, indicators=indicators)


@transaction.atomic
def add_evidence(assessment, *, upload, title, indicator=None, by):
    check_editable(assessment.enrolment)
    validate_upload(upload, "document")
    ef = EvidenceFile.objects.create(
        assessment=assessment, indicator=indicator, title=title or upload.name, file=upload, uploaded_by=by
    )
    audit(by, "self_assessment.evidence_added", assessment, after={"title": ef.title, "file": ef.file.name})
    return ef


@transaction.atomic
def remove_evidence(evidence, *, by):
    """Take back an evidence file attached by mistake while the self-assessment may still be edited. The row
    goes in the transaction (audited with its title and file name); the stored file once it commits."""
    check_editable(evidence.assessment.enrolment)
    audit(
        by,
        "self_assessment.evidence_removed",
        evidence.assessment,
        before={
            "title": evidence.title,
            "file": evidence.file.name,
            "indicator": evidence.indicator.code if evidence.indicator_id else None,
        },
    )
    stored = evidence.file
    evidence.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def add_community_indicator(enrolment, *, text, target="", by):
    check_editable(enrolment)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("กรุณากรอกตัวชี้วัดของชุมชน"))
    ci = CommunityIndicator.objects.create(enrolment=enrolment, text=text, target=target)
    audit(by, "community_indicator.added", enrolment, after={"text": text, "target": target})
    return ci


@transaction.atomic
def set_community_indicator(ci, *, met, note, by):
    check_editable(ci.enrolment)
    before = {"met": ci.met, "note": ci.note}
    ci.met, ci.note = met, note
    ci.save(update_fields=["met", "note"])
    audit(
        by, "community_indicator.assessed", ci.enrolment, before=before, after={"text": ci.text, "met": met}
    )


@transaction.atomic
def remove_community_indicator(ci, *, by):
    check_editable(ci.enrolment)
    audit(by, "community_indicator.removed", ci.enrolment, before={"text": ci.text, "met": ci.met})
    ci.delete()
