"""Demo data: the (labelled) demo catalogue for FY 2569 and 2570, self-assessments, plans, progress and
supervision visits. FY 2569 is complete; FY 2570 is under way (today 25 Nov 2569 B.E.). Idempotent."""

import datetime as dt
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from apps.core.demo_people import full_name
from apps.registry.enums import Outcome, Stage, TargetType
from apps.registry.models import Enrolment, Photo

from .demo_catalogue import CATALOGUE, TITLES
from .enums import PlanStatus, Progress, VisitKind
from .models import Activity, Answer, Component, Goal, Indicator, Plan, SelfAssessment, StandardSet, Visit
from .scoring import evaluate
from .selectors import indicators_of

SOURCE = "ตัวอย่างสาธิต จัดทำขึ้นเพื่อทดลองใช้ระบบ (ไม่ใช่ตัวชี้วัดทางการของกรมการพัฒนาชุมชน)"
ACTIVITY_IDEAS = [
    ("อบรมการจัดทำบัญชีให้คณะกรรมการ", "สำนักงานพัฒนาชุมชนอำเภอ", "งบพัฒนาชุมชนอำเภอ", 3000),
    ("ศึกษาดูงานหน่วยนับที่ผ่าน มชช.", "เครือข่ายผู้ผ่าน มชช.", "องค์การบริหารส่วนตำบล", 8000),
    ("จัดเวทีประชาคมทบทวนแผนชุมชน", "องค์การบริหารส่วนตำบล", "เงินกองทุนหมู่บ้าน", 2500),
    ("ปลูกผักสวนครัวรั้วกินได้ในครัวเรือนสมาชิก", "เกษตรอำเภอ", "ทุนของกลุ่ม", 1500),
    ("จัดทำฐานข้อมูลสมาชิกและเผยแพร่ผลงาน", "โรงเรียนในตำบล", "ไม่ใช้งบประมาณ", 0),
    ("ถ่ายทอดความรู้การออมให้เยาวชน", "ธนาคารเพื่อการเกษตรฯ สาขา", "ธ.ก.ส.", 4000),
]
VISITORS = [
    f"{full_name(19, 'นางสาว')} พัฒนากร",
    f"{full_name(40, 'นาย')} นักวิชาการพัฒนาชุมชน",
    "พัฒนาการอำเภอและพัฒนากรประจำตำบล",
]
LEARNED = [
    "กลุ่มจัดทำบัญชีรับจ่ายได้เป็นปัจจุบันแล้ว",
    "ชุมชนใช้ข้อมูล จปฐ. วิเคราะห์ปัญหาหนี้สินครัวเรือน",
    "สมาชิกแลกเปลี่ยนวิธีลดต้นทุนการผลิต",
    "แกนนำนำเสนอผลงานต่อเวทีตำบลได้ชัดเจน",
]
ADVICE = [
    "ควรเก็บหลักฐานการประชุมให้ครบทุกครั้ง",
    "ให้ประสาน อบต. เรื่องงบสนับสนุนกิจกรรมเรียนรู้",
    "จัดทำสรุปผลงานพร้อมภาพถ่ายก่อนการประเมิน",
    "เพิ่มการมีส่วนร่วมของเยาวชน",
]
NEXT = ["ติดตามการจัดทำบัญชีเดือนหน้า", "จัดเวทีแลกเปลี่ยนเรียนรู้กับหน่วยนับต้นแบบ", "เตรียมเอกสารประกอบการประเมิน"]


def _catalogue(year):
    sets = {}
    for tt in TargetType:
        s, created = StandardSet.objects.get_or_create(
            year=year,
            target_type=tt,
            version=1,
            defaults={
                "title": TITLES[tt],
                "is_demo": True,
                "require_mandatory": True,
                "min_percent": Decimal("60"),
                "is_published": True,
                "source": SOURCE,
            },
        )
        if created:
            n = 0
            for ci, (cname, inds) in enumerate(CATALOGUE[tt], start=1):
                comp = Component.objects.create(standard_set=s, order=ci, name=cname)
                for code, text, hint, scale, mandatory in inds:
                    n += 1
                    Indicator.objects.create(
                        component=comp,
                        order=n,
                        code=code,
                        text=text,
                        evidence_hint=hint,
                        scale=scale,
                        max_score=1 if scale == "pass_fail" else 5,
                        pass_score=1 if scale == "pass_fail" else 3,
                        weight=Decimal("10"),
                        mandatory=mandatory,
                    )
        sets[tt.value] = s
    return sets


def _image(seed, caption):
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    img = Image.new("RGB", (480, 360), (rng.randint(90, 200), rng.randint(120, 210), rng.randint(90, 180)))
    d = ImageDraw.Draw(img)
    for _ in range(6):
        x, y = rng.randint(0, 420), rng.randint(0, 300)
        d.ellipse(
            [x, y, x + rng.randint(30, 90), y + rng.randint(30, 90)],
            fill=(rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)),
        )
    d.rectangle([0, 320, 480, 360], fill=(30, 40, 60))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=70)
    return ContentFile(buf.getvalue(), name=f"demo-{seed}.jpg")


def _photo(e, stage, caption, day, by, seed):
    return Photo.objects.create(
        district_id=e.unit.district_id,
        year_id=e.year_id,
        unit_id=e.unit_id,
        stage=stage,
        image=_image(seed, caption),
        caption=caption[:255],
        taken_on=day,
        uploaded_by=by,
    )


def _assess(e, sset, rng, strong, by, day):
    sa, created = SelfAssessment.objects.get_or_create(enrolment=e, defaults={"standard_set": sset})
    if not created:
        return sa
    inds = list(indicators_of(sset))
    scores = {}
    for i in inds:
        if i.scale == "pass_fail":
            scores[i.pk] = 1 if (strong or rng.random() < 0.8) else 0
        else:
            scores[i.pk] = rng.choice([3, 4, 4, 5] if strong else [1, 2, 3, 3, 4])
        Answer.objects.create(
            assessment=sa,
            indicator=i,
            score=scores[i.pk],
            evidence_note=i.evidence_hint if scores[i.pk] else "ยังไม่มีหลักฐาน",
        )
    r = evaluate(sset, scores, indicators=inds)
    sa.percent, sa.passed, sa.assessed_on = r.percent, r.passed, day
    sa.participants, sa.updated_by = "คณะกรรมการและสมาชิก 15 คน พัฒนากรประจำตำบล", by
    sa.save()
    return sa


def _plan(e, sa, rng, by, fy_start, submitted, progress):
    plan, created = Plan.objects.get_or_create(
        enrolment=e,
        defaults={
            "summary": "จากการประเมินตนเอง หน่วยนับยังต้องพัฒนาด้านการจัดการข้อมูลและการเงิน "
            "จึงวางแผนพัฒนาตนเองร่วมกับภาคีการพัฒนาในพื้นที่"
        },
    )
    if not created:
        return plan
    gaps = evaluate(sa.standard_set, {a.indicator_id: a.score for a in sa.answers.all()}).gaps if sa else []
    inds = list(indicators_of(sa.standard_set)) if sa else []
    g1 = Goal.objects.create(plan=plan, order=1, text="พัฒนาการบริหารจัดการให้เป็นระบบและตรวจสอบได้")
    g2 = Goal.objects.create(plan=plan, order=2, text="เพิ่มการเรียนรู้และการมีส่วนร่วมของสมาชิก")
    for k in range(3):
        what, partner, source, budget = ACTIVITY_IDEAS[(rng.randint(0, 99) + k) % len(ACTIVITY_IDEAS)]
        start = fy_start + dt.timedelta(days=75 + 40 * k)
        a = Activity.objects.create(
            plan=plan,
            goal=g1 if k < 2 else g2,
            what=what,
            starts_on=start,
            ends_on=start + dt.timedelta(days=20),
            who="คณะกรรมการหน่วยนับ",
            partner=partner,
            budget=Decimal(budget),
            budget_source=source,
        )
        link = (gaps or inds)[k % max(1, len(gaps or inds))] if (gaps or inds) else None
        if link:
            a.indicators.add(link)
        if progress:
            a.progress = [Progress.DONE, Progress.DONE, Progress.PARTLY][k]
            a.progress_note = "ดำเนินการตามแผน สมาชิกเข้าร่วมร้อยละ 80" if k < 2 else "ดำเนินการแล้วบางส่วน"
            a.progress_at = timezone.now()
            a.save(update_fields=["progress", "progress_note", "progress_at"])
    if submitted:
        plan.status, plan.submitted_by = PlanStatus.SUBMITTED, by
        plan.submitted_at = timezone.make_aware(
            dt.datetime.combine(fy_start + dt.timedelta(days=110), dt.time(10))
        )
        plan.save(update_fields=["status", "submitted_by", "submitted_at"])
    return plan


def _visits(e, rng, by, days, with_photos, seed):
    if Visit.objects.filter(enrolment=e).exists():
        return
    for n, day in enumerate(days):
        v = Visit.objects.create(
            enrolment=e,
            kind=VisitKind.LEARNING if n % 3 == 2 else VisitKind.VISIT,
            visited_on=day,
            visitors=rng.choice(VISITORS),
            learned=rng.choice(LEARNED),
            advice=rng.choice(ADVICE),
            next_step=rng.choice(NEXT),
            created_by=by,
        )
        if with_photos:
            v.photos.add(
                _photo(
                    e,
                    Stage.SELF_DEVELOPMENT if e.stage >= 4 else Stage.REINFORCEMENT,
                    f"ติดตามนิเทศ {e.unit.name}",
                    day,
                    by,
                    seed * 10 + n,
                )
            )


def seed(ctx):
    users = ctx.users
    y69, y70 = ctx.years[2569], ctx.years[2570]
    sets69, sets70 = _catalogue(y69), _catalogue(y70)
    rng = random.Random(2569)
    officers = {"6501": users["district6501"], "6502": users["district6502"]}
    fy69 = dt.date(2025, 10, 1)

    # FY 2569: complete — every enrolment assessed, plan submitted and reported, two or three visits.
    for e in Enrolment.objects.filter(year=y69).select_related("unit", "year").order_by("pk"):
        by = officers.get(e.unit.district_id, users["province"])
        strong = e.outcome == Outcome.CERTIFIED
        sa = _assess(e, sets69[e.unit.target_type], rng, strong, by, dt.date(2025, 12, 10 + e.pk % 15))
        _plan(e, sa, rng, by, fy69, submitted=True, progress=True)
        days = [dt.date(2026, 1, 12), dt.date(2026, 3, 5), dt.date(2026, 5, 20)][: 2 + e.pk % 2]
        days = [d + dt.timedelta(days=e.pk % 9) for d in days]
        _visits(e, rng, by, days, with_photos=e.unit.district_id in officers and e.pk % 2 == 0, seed=e.pk)

    # FY 2570 under way: units in stage 3 assess themselves; carried-over units start from last year's plan;
    # a few in 6501/6502 have submitted plans already (stage 4); visits in November 2569.
    from apps.registry import stages

    from .services.plans import start_plan, submit_plan

    today = timezone.localdate()
    stage3 = list(
        Enrolment.objects.filter(
            year=y70, stage__in=[Stage.REINFORCEMENT, Stage.SELF_DEVELOPMENT], outcome=Outcome.IN_PROGRESS
        )
        .select_related("unit", "year", "previous")
        .order_by("pk")
    )
    fy70 = dt.date(2026, 10, 1)
    for k, e in enumerate(stage3):
        by = officers.get(e.unit.district_id, users["province"])
        if k % 3 == 2 and e.unit.district_id not in officers:
            continue  # some units have not started yet
        sa = _assess(e, sets70[e.unit.target_type], rng, k % 2 == 0, by, min(today, dt.date(2026, 11, 18)))
        if e.previous_id:
            plan = start_plan(e, by=by)  # copied from last year's plan
        elif k % 2 == 0:
            plan = _plan(e, sa, rng, by, fy70, submitted=False, progress=False)
        else:
            plan = None
        if (
            plan
            and plan.status == PlanStatus.DRAFT
            and e.unit.district_id in officers
            and k % 4 == 0
            and plan.activities.exists()
            and e.stage == Stage.REINFORCEMENT
        ):
            submit_plan(plan, by=by)
        last_visit = [today - dt.timedelta(days=3 + k % 20)] if k % 3 != 1 else []
        _visits(e, rng, by, last_visit, with_photos=e.unit.district_id in officers, seed=1000 + e.pk)
    # keep at least one unit of 6501 in recruitment (stage 2) for the walk-through from stage 2 to 5
    if not Enrolment.objects.filter(year=y70, unit__district_id="6501", stage=Stage.RECRUITMENT).exists():
        e = Enrolment.objects.filter(
            year=y70,
            unit__district_id="6501",
            stage=Stage.REINFORCEMENT,
            self_assessment__isnull=True,
            plan__isnull=True,
            visits__isnull=True,
        ).first()
        if e:
            stages.move_back(e, Stage.RECRUITMENT, by=users["district6501"], reason="ข้อมูลสาธิต: รอปิดรับสมัคร")


def ready_for_evaluation(e, by):
    """The demo's units evaluated early go the guideline's way (2.5) through the services: assessed (stage 3),
    plan submitted (stage 3 → 4), evaluation asked for (stage 4 → 5). Safe to run again."""
    from apps.registry import stages

    from .services import stages as dev_stages
    from .services.plans import start_plan, submit_plan

    if e.stage == Stage.RECRUITMENT:
        stages.enter_reinforcement(e, by=by, reason="ข้อมูลสาธิต: ปิดรับสมัคร")
    rng = random.Random(e.pk)
    day = min(timezone.localdate(), dt.date(2026, 11, 18))
    sa = _assess(e, _catalogue(e.year)[e.unit.target_type], rng, True, by, day)
    plan = Plan.objects.filter(enrolment=e).first()
    if plan is None:
        plan = (
            start_plan(e, by=by)
            if e.previous_id
            else _plan(e, sa, rng, by, dt.date(2026, 10, 1), False, False)
        )
    if plan.status == PlanStatus.DRAFT:
        submit_plan(plan, by=by)
    e.refresh_from_db()
    if e.stage == Stage.SELF_DEVELOPMENT:
        dev_stages.request_evaluation(e, by=by, reason="ข้อมูลสาธิต: อำเภอขอรับการประเมินก่อนกำหนด")
        e.refresh_from_db()
    return e
