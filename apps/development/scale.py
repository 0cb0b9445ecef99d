"""seed_scale step: the development work of every enrolment — the year's standards catalogue (the labelled demo
catalogue, made only for the target types that have no published set yet), a self-assessment with an answer
per indicator and its computed result, for about 80 % a plan with 2 goals and 3–4 activities (past years
submitted; this year drafts, and submitted plans of units in stage 3, which then enter stage 4 as submit_plan
does), and 1–3 supervision visits. Bulk inserts, one province per transaction."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from apps.core.bulk import at, fields_of, given_timestamps
from apps.core.thaidates import fiscal_year_bounds
from apps.registry.enums import Outcome, Stage, TargetType
from apps.registry.models import Enrolment

from .demo import ACTIVITY_IDEAS, ADVICE, LEARNED, NEXT, VISITORS
from .demo_catalogue import CATALOGUE, TITLES
from .enums import PlanStatus, Progress, VisitKind
from .models import Activity, Answer, Component, Goal, Indicator, Plan, SelfAssessment, StandardSet, Visit
from .scoring import evaluate

SOURCE = "ข้อมูลสังเคราะห์สำหรับวัดความเร็วของระบบ (ไม่ใช่ตัวชี้วัดทางการของกรมการพัฒนาชุมชน)"
GOALS = ["พัฒนาการบริหารจัดการให้เป็นระบบและตรวจสอบได้", "เพิ่มการเรียนรู้และการมีส่วนร่วมของสมาชิก"]
SUMMARY = "จากการประเมินตนเอง หน่วยนับยังต้องพัฒนาด้านการจัดการข้อมูลและการเงิน จึงวางแผนพัฒนาตนเองร่วมกับภาคีการพัฒนาในพื้นที่"
PARTICIPANTS = "คณะกรรมการและสมาชิก พัฒนากรประจำตำบล"
BATCH = 2000


def standard_sets(year):
    """{target type: (published set, its active indicators in order)} of a programme year. The types without
    a published set get the demo catalogue (is_demo, weights adding up to 100 %), created in bulk."""
    have = {}
    for s in StandardSet.objects.filter(year=year, is_published=True).order_by("target_type", "-version"):
        have.setdefault(s.target_type, s)
    missing = [tt for tt in TargetType.values if tt not in have]
    if missing:
        versions = defaultdict(int)
        for tt, v in StandardSet.objects.filter(year=year).values_list("target_type", "version"):
            versions[tt] = max(versions[tt], v)
        new = StandardSet.objects.bulk_create(
            [
                StandardSet(
                    year=year,
                    target_type=tt,
                    version=versions[tt] + 1,
                    title=TITLES[tt],
                    is_demo=True,
                    require_mandatory=True,
                    min_percent=Decimal("60"),
                    is_published=True,
                    source=SOURCE,
                )
                for tt in missing
            ]
        )
        comps, rows = [], []
        for s in new:
            for order, (name, inds) in enumerate(CATALOGUE[s.target_type], start=1):
                comps.append(Component(standard_set=s, order=order, name=name))
                rows.append(inds)
        Component.objects.bulk_create(comps)
        Indicator.objects.bulk_create(
            [
                Indicator(
                    component=c,
                    order=int(code[1:]),
                    code=code,
                    text=text,
                    evidence_hint=hint,
                    scale=scale,
                    max_score=1 if scale == Indicator.Scale.PASS_FAIL else 5,
                    pass_score=1 if scale == Indicator.Scale.PASS_FAIL else 3,
                    weight=Decimal("10"),
                    mandatory=mandatory,
                )
                for c, inds in zip(comps, rows, strict=True)
                for code, text, hint, scale, mandatory in inds
            ]
        )
        have.update({s.target_type: s for s in new})
    indicators = defaultdict(list)
    for i in (
        Indicator.objects.filter(component__standard_set__in=list(have.values()), is_active=True)
        .select_related("component")
        .order_by("component__order", "component_id", "order", "pk")
    ):
        indicators[i.component.standard_set_id].append(i)
    return {tt: (s, indicators[s.pk]) for tt, s in have.items()}


def _score(ind, strength, rng):
    """A score within the indicator's scale, around `strength` (0–1) of its maximum."""
    if ind.scale == Indicator.Scale.PASS_FAIL:
        return 1 if rng.random() < 0.5 + strength / 2 else 0
    return max(0, min(ind.max_score, round(ind.max_score * strength + rng.uniform(-1.5, 1.5))))


def _strength(e, rng):
    if e.outcome == Outcome.CERTIFIED:
        return 0.85
    if e.outcome == Outcome.NOT_PASSED:
        return 0.5
    return rng.uniform(0.35, 0.9)


def _seed_year(py, rng, today, current):
    start, end = fiscal_year_bounds(py.fiscal_year)
    last_day = min(end, today - dt.timedelta(days=1))
    sets = standard_sets(py)
    enrolments = list(
        Enrolment.objects.filter(year=py, self_assessment__isnull=True)
        .exclude(outcome=Outcome.WITHDRAWN)
        .select_related("unit")
        .only("pk", "stage", "outcome", "mentor", "unit__target_type")
        .order_by("pk")
    )

    def day_after(d, lo, hi):
        return min(last_day, d + dt.timedelta(days=rng.randint(lo, hi)))

    # self-assessments: the day each unit assessed itself anchors its plan and visits
    assessments, answers_of, first_day = [], [], {}
    for e in enrolments:
        sset, inds = sets[e.unit.target_type]
        strength = _strength(e, rng)
        scores = {i.pk: _score(i, strength, rng) for i in inds}
        result = evaluate(sset, scores, indicators=inds)
        span = max(21, (last_day - start).days - 10) if current else 100
        day = min(last_day, start + dt.timedelta(days=rng.randint(20 if current else 60, span)))
        first_day[e.pk] = day
        assessments.append(
            SelfAssessment(
                enrolment_id=e.pk,
                standard_set=sset,
                assessed_on=day,
                participants=PARTICIPANTS,
                percent=result.percent,
                passed=result.passed,
                version=2,
                updated_by_id=e.mentor_id,
                updated_at=at(day, 15),
            )
        )
        answers_of.append((inds, scores, result.gaps))
    SelfAssessment.objects.bulk_create(assessments, batch_size=BATCH)
    Answer.objects.bulk_create(
        [
            Answer(
                assessment_id=sa.pk,
                indicator_id=i.pk,
                score=Decimal(scores[i.pk]),
                evidence_note=i.evidence_hint if scores[i.pk] else "ยังไม่มีหลักฐาน",
            )
            for sa, (inds, scores, _gaps) in zip(assessments, answers_of, strict=True)
            for i in inds
        ],
        batch_size=BATCH * 5,
    )

    # plans (about 80 %), each with 2 goals and 3–4 activities linked to an indicator (a gap first)
    plans, plan_rows, entered_stage4 = [], [], []
    for e, (inds, _scores, gaps) in zip(enrolments, answers_of, strict=True):
        if rng.random() >= 0.8:
            continue
        day = first_day[e.pk]
        submitted = not current or (e.stage == Stage.REINFORCEMENT and rng.random() < 0.5)
        sent_on = day_after(day, 3, 30) if current else day + dt.timedelta(days=rng.randint(20, 50))
        n = rng.randint(3, 4)
        plans.append(
            Plan(
                enrolment_id=e.pk,
                summary=SUMMARY,
                created_at=at(day, 16),
                status=PlanStatus.SUBMITTED if submitted else PlanStatus.DRAFT,
                version=3 + n + (1 if submitted else 0),
                submitted_at=at(sent_on, 10) if submitted else None,
                submitted_by_id=e.mentor_id if submitted else None,
            )
        )
        plan_rows.append((e, day, n, gaps or inds))
        if current and submitted:
            entered_stage4.append(e.pk)
    Plan.objects.bulk_create(plans, batch_size=BATCH)
    goals = [Goal(plan_id=p.pk, order=k + 1, text=GOALS[k]) for p in plans for k in range(2)]
    Goal.objects.bulk_create(goals, batch_size=BATCH)
    activities, links = [], []
    for pi, (p, (_e, day, n, linkable)) in enumerate(zip(plans, plan_rows, strict=True)):
        offset = rng.randint(0, len(ACTIVITY_IDEAS) - 1)
        for k in range(n):
            what, partner, source, budget = ACTIVITY_IDEAS[(offset + k) % len(ACTIVITY_IDEAS)]
            starts = min(end - dt.timedelta(days=20), day + dt.timedelta(days=20 + 35 * k))
            ends = starts + dt.timedelta(days=rng.randint(1, 20))
            done = not current
            progress = (Progress.PARTLY if k == n - 1 else Progress.DONE) if done else Progress.PENDING
            activities.append(
                Activity(
                    plan_id=p.pk,
                    goal_id=goals[2 * pi + (0 if k < 2 else 1)].pk,
                    what=what,
                    starts_on=starts,
                    ends_on=ends,
                    who="คณะกรรมการหน่วยนับ",
                    partner=partner,
                    budget=Decimal(budget),
                    budget_source=source,
                    progress=progress,
                    progress_note="ดำเนินการตามแผน สมาชิกเข้าร่วมร้อยละ 80" if done else "",
                    progress_at=at(ends, 16) if done else None,
                )
            )
            links.append(linkable[k % len(linkable)].pk)
    Activity.objects.bulk_create(activities, batch_size=BATCH)
    Through = Activity.indicators.through
    Through.objects.bulk_create(
        [Through(activity_id=a.pk, indicator_id=i) for a, i in zip(activities, links, strict=True)],
        batch_size=BATCH * 5,
    )
    if entered_stage4:
        # submit_plan moves a unit in stage 3 to stage 4
        Enrolment.objects.filter(pk__in=entered_stage4).update(
            stage=Stage.SELF_DEVELOPMENT,
            stage_changed_at=Subquery(
                Plan.objects.filter(enrolment=OuterRef("pk")).values("submitted_at")[:1]
            ),
        )

    # 1–3 supervision visits after the self-assessment
    visits = []
    for e in enrolments:
        day = first_day[e.pk]
        for k in range(rng.randint(1, 3)):
            seen = (
                day_after(day, 7 + 30 * k, 30 + 45 * k)
                if current
                else day_after(day, 7 + 45 * k, 40 + 60 * k)
            )
            kind = (
                VisitKind.LEARNING
                if k == 2
                else (VisitKind.PARTNER if rng.random() < 0.1 else VisitKind.VISIT)
            )
            visits.append(
                Visit(
                    enrolment_id=e.pk,
                    kind=kind,
                    visited_on=seen,
                    visitors=rng.choice(VISITORS),
                    learned=rng.choice(LEARNED),
                    advice=rng.choice(ADVICE),
                    next_step=rng.choice(NEXT),
                    created_by_id=e.mentor_id,
                    created_at=at(seen, 17),
                )
            )
    Visit.objects.bulk_create(visits, batch_size=BATCH)
    return len(assessments), len(plans), len(visits)


def seed(ctx):
    today = timezone.localdate()
    stamped = (
        fields_of(SelfAssessment, "updated_at")
        + fields_of(Plan, "created_at")
        + fields_of(Visit, "created_at")
    )
    totals = [0, 0, 0]
    for pys in ctx.programme_years.values():
        with transaction.atomic(), given_timestamps(*stamped):
            for py in pys:
                counts = _seed_year(py, ctx.rng, today, current=py is pys[-1])
                totals = [a + b for a, b in zip(totals, counts, strict=True)]
    ctx.stdout.write(f"  development: {totals[0]} self-assessments, {totals[1]} plans, {totals[2]} visits")
