"""Self-development plans: start (copied from last year's plan for a carried-over unit), edit while draft,
submit (enrolment enters stage 4), reopen with a reason, record progress per activity with photos."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit
from apps.core.thaidates import fiscal_year_bounds, format_date
from apps.registry import stages
from apps.registry.enums import Stage

from ..enums import PlanStatus, Progress
from ..models import Activity, Goal, Plan
from ..selectors import indicators_of, standard_set_for
from . import stages as dev_stages
from .assessment import check_editable
from .media import save_photos

_BLANK = {"partner": "", "budget_source": "", "budget": 0, "who": ""}
ACTIVITY_FIELDS = ["goal", "what", "starts_on", "ends_on", "who", "partner", "budget", "budget_source"]


def _shift(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


@transaction.atomic
def start_plan(enrolment, *, by):
    """The enrolment's plan; created on first use — from last year's plan when the unit was carried over."""
    existing = Plan.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    check_editable(enrolment)
    prev = getattr(enrolment.previous, "plan", None) if enrolment.previous_id else None
    plan = Plan.objects.create(enrolment=enrolment, copied_from=prev, summary=prev.summary if prev else "")
    if prev is not None:
        _copy_plan(prev, plan, enrolment)
    audit(by, "plan.started", plan, after={"copied_from": prev.pk if prev else None})
    return plan


def _copy_plan(src, plan, enrolment):
    years = enrolment.year.fiscal_year - src.enrolment.year.fiscal_year
    s = standard_set_for(enrolment)
    by_code = {i.code: i for i in indicators_of(s)} if s else {}
    goals = {}
    for g in src.goals.all():
        goals[g.pk] = Goal.objects.create(plan=plan, order=g.order, text=g.text)
    for a in src.activities.prefetch_related("indicators"):
        new = Activity.objects.create(
            plan=plan,
            goal=goals.get(a.goal_id),
            what=a.what,
            starts_on=_shift(a.starts_on, years),
            ends_on=_shift(a.ends_on, years),
            who=a.who,
            partner=a.partner,
            budget=a.budget,
            budget_source=a.budget_source,
        )
        new.indicators.set([by_code[i.code] for i in a.indicators.all() if i.code in by_code])


def _check_draft(plan):
    check_editable(plan.enrolment)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("แผนนี้ส่งแล้ว แก้ไขไม่ได้ หากต้องแก้ไขให้ขอคืนแผนเป็นร่างพร้อมเหตุผล"))


def _check_version(plan, version):
    if version is not None and int(version) != plan.version:
        raise ValidationError(_("มีผู้อื่นแก้ไขแผนนี้ไปแล้ว กรุณาโหลดหน้าใหม่แล้วแก้ไขอีกครั้ง"))


def _locked(plan):
    return (
        Plan.objects.select_for_update().select_related("enrolment__year", "enrolment__unit").get(pk=plan.pk)
    )


def _touch(plan):
    plan.version += 1
    plan.save(update_fields=["version"])


@transaction.atomic
def update_summary(plan, *, summary, by, version=None):
    p = _locked(plan)
    _check_draft(p)
    _check_version(p, version)
    before = p.summary
    p.summary = summary
    p.version += 1
    p.save(update_fields=["summary", "version"])
    audit(by, "plan.summary_changed", p, before={"summary": before}, after={"summary": summary})
    return p


@transaction.atomic
def save_goal(plan, *, text, order, by, goal=None):
    p = _locked(plan)
    _check_draft(p)
    if goal is None:
        goal = Goal.objects.create(plan=p, text=text, order=order)
        audit(by, "plan.goal_added", p, after={"text": text})
    else:
        before = {"text": goal.text, "order": goal.order}
        goal.text, goal.order = text, order
        goal.save(update_fields=["text", "order"])
        audit(by, "plan.goal_changed", p, before=before, after={"text": text, "order": order})
    _touch(p)
    return goal


@transaction.atomic
def remove_goal(goal, *, by):
    p = _locked(goal.plan)
    _check_draft(p)
    audit(by, "plan.goal_removed", p, before={"text": goal.text})
    goal.delete()
    _touch(p)


def activity_errors(plan, data, indicators):
    errors = []
    start, end = fiscal_year_bounds(plan.enrolment.year.fiscal_year)
    s, e = data.get("starts_on"), data.get("ends_on")
    for d in (s, e):
        if d and not start <= d <= end:
            errors.append(
                _("วันที่ของกิจกรรมต้องอยู่ในปีงบประมาณ %(fy)s (%(a)s – %(b)s)")
                % {"fy": plan.enrolment.year.fiscal_year, "a": format_date(start), "b": format_date(end)}
            )
            break
    if s and e and e < s:
        errors.append(_("วันสิ้นสุดกิจกรรมต้องไม่ก่อนวันเริ่ม"))
    if data.get("budget") is not None and data["budget"] < 0:
        errors.append(_("งบประมาณติดลบไม่ได้"))
    if data.get("goal") is not None and data["goal"].plan_id != plan.pk:
        errors.append(_("เป้าหมายที่เลือกไม่ใช่ของแผนนี้"))
    sset = standard_set_for(plan.enrolment)
    allowed = {i.pk for i in indicators_of(sset)} if sset else set()
    if any(i.pk not in allowed for i in indicators):
        errors.append(_("ตัวชี้วัดที่เลือกไม่อยู่ในชุดมาตรฐานของหน่วยนับนี้"))
    return errors


@transaction.atomic
def save_activity(plan, data, *, indicators, by, activity=None):
    p = _locked(plan)
    _check_draft(p)
    errors = activity_errors(p, data, indicators)
    if errors:
        raise ValidationError(errors)
    before = None
    if activity is None:
        activity = Activity(plan=p)
    else:
        activity = Activity.objects.get(pk=activity.pk, plan=p)  # the form may have changed the instance
        before = {f: getattr(activity, f"{f}_id" if f == "goal" else f) for f in ACTIVITY_FIELDS}
    for f in ACTIVITY_FIELDS:
        value = data.get(f)
        if value is None and f in _BLANK:
            value = _BLANK[f]
        setattr(activity, f, value)
    activity.save()
    activity.indicators.set(indicators)
    audit(
        by,
        "plan.activity_saved",
        p,
        before=before,
        after={
            **{f: getattr(activity, f"{f}_id" if f == "goal" else f) for f in ACTIVITY_FIELDS},
            "indicators": [i.code for i in indicators],
        },
    )
    _touch(p)
    return activity


@transaction.atomic
def remove_activity(activity, *, by):
    p = _locked(activity.plan)
    _check_draft(p)
    audit(by, "plan.activity_removed", p, before={"what": activity.what, "starts_on": activity.starts_on})
    activity.delete()
    _touch(p)


@transaction.atomic
def submit_plan(plan, *, by, version=None):
    """Draft → submitted by the district; the enrolment enters stage 4."""
    p = _locked(plan)
    _check_draft(p)
    _check_version(p, version)
    e = p.enrolment
    if e.stage == Stage.RECRUITMENT:
        raise ValidationError(_("หน่วยนับยังอยู่ในขั้นรับสมัคร ต้องปิดรับสมัครก่อนจึงส่งแผนได้"))
    if not p.activities.exists():
        raise ValidationError(_("แผนต้องมีกิจกรรมอย่างน้อย 1 กิจกรรม"))
    if not hasattr(e, "self_assessment") or e.self_assessment.percent is None:
        raise ValidationError(_("ต้องบันทึกผลการประเมินตนเองก่อนส่งแผน"))
    p.status, p.submitted_at, p.submitted_by = PlanStatus.SUBMITTED, timezone.now(), by
    p.version += 1
    p.save(update_fields=["status", "submitted_at", "submitted_by", "version"])
    audit(
        by, "plan.submitted", p, before={"status": PlanStatus.DRAFT}, after={"status": PlanStatus.SUBMITTED}
    )
    if e.stage == Stage.REINFORCEMENT:
        dev_stages.enter_self_development(e, by=by)
    return p


@transaction.atomic
def reopen_plan(plan, *, by, reason):
    """Submitted → draft with a reason; an enrolment in stage 4 goes back to stage 3."""
    p = _locked(plan)
    check_editable(p.enrolment)
    if p.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("แผนนี้ยังเป็นร่างอยู่แล้ว"))
    if not (reason or "").strip():
        raise ValidationError(_("กรุณาระบุเหตุผลที่ขอคืนแผนเป็นร่าง"))
    p.status = PlanStatus.DRAFT
    p.version += 1
    p.save(update_fields=["status", "version"])
    audit(
        by,
        "plan.reopened",
        p,
        before={"status": PlanStatus.SUBMITTED},
        after={"status": PlanStatus.DRAFT},
        reason=reason,
    )
    if p.enrolment.stage == Stage.SELF_DEVELOPMENT:
        stages.move_back(p.enrolment, Stage.REINFORCEMENT, by=by, reason=reason)
    return p


@transaction.atomic
def record_progress(activity, *, progress, note, photos=(), by):
    """Progress of one activity of a submitted plan (done / partly / not done), with notes and photos."""
    p = _locked(activity.plan)
    check_editable(p.enrolment)
    if p.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("รายงานความก้าวหน้าได้หลังส่งแผนแล้วเท่านั้น"))
    if progress not in (Progress.DONE, Progress.PARTLY, Progress.NOT_DONE):
        raise ValidationError(_("กรุณาเลือกผลการดำเนินงาน"))
    before = {"progress": activity.progress, "note": activity.progress_note}
    saved = save_photos(
        photos,
        enrolment=p.enrolment,
        stage=Stage.SELF_DEVELOPMENT,
        caption=activity.what,
        taken_on=dt.date.today(),
        by=by,
    )
    activity.progress, activity.progress_note, activity.progress_at = progress, note, timezone.now()
    activity.save(update_fields=["progress", "progress_note", "progress_at"])
    if saved:
        activity.photos.add(*saved)
    audit(
        by,
        "plan.progress_recorded",
        p,
        before=before,
        after={"activity": activity.what, "progress": progress, "note": note, "photos": len(saved)},
    )
    return activity


def return_stage(enrolment, to_stage, *, by, reason):
    """Move an enrolment back (with a reason); going back below stage 4 reopens its submitted plan."""
    with transaction.atomic():
        plan = Plan.objects.filter(enrolment=enrolment, status=PlanStatus.SUBMITTED).first()
        stages.move_back(enrolment, to_stage, by=by, reason=reason)
        if plan is not None and int(to_stage) < Stage.SELF_DEVELOPMENT:
            plan.status = PlanStatus.DRAFT
            plan.version += 1
            plan.save(update_fields=["status", "version"])
            audit(
                by,
                "plan.reopened",
                plan,
                before={"status": PlanStatus.SUBMITTED},
                after={"status": PlanStatus.DRAFT},
                reason=reason,
            )
