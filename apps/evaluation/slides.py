"""The exemplar's PowerPoint (python-pptx): profile, plan, results and photos, in Thai."""

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

from apps.core.thaidates import format_date
from apps.registry.models import Photo

from .models import RoundEntry

FONT = "Sarabun"
GREEN = RGBColor(0x1F, 0x5F, 0x3A)


def _text(slide, text, left, top, width, height, size=20, bold=False, color=None):
    box = slide.shapes.add_textbox(left, top, width, height)
    tf = box.text_frame
    tf.word_wrap = True
    for i, line in enumerate(text if isinstance(text, list) else [text]):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        run = p.add_run()
        run.text = line
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        if color:
            run.font.color.rgb = color
    return box


def _slide(prs, title):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    w = prs.slide_width
    _text(
        slide, title, Emu(457200), Emu(228600), w - Emu(914400), Emu(700000), size=30, bold=True, color=GREEN
    )
    return slide


def _plan_lines(enrolment):
    """The self-development plan lives in apps.development (a later issue); shown when it exists."""
    plan = getattr(enrolment, "plan", None)
    if plan is not None and getattr(plan, "goals", ""):
        return [f"เป้าหมาย: {plan.goals}"]
    return [
        "ยังไม่มีแผนพัฒนาตนเองในระบบ — ใช้ข้อมูลจากการบันทึกของอำเภอ",
        f"กิจกรรม/ผลงาน: {enrolment.unit.description or '—'}",
    ]


def build(exemplar):
    enrolment = exemplar.enrolment
    unit = enrolment.unit
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 16:9
    w, h = prs.slide_width, prs.slide_height
    left, body_w = Emu(457200), w - Emu(914400)

    s = prs.slides.add_slide(prs.slide_layouts[6])
    _text(s, f"ต้นแบบ{exemplar.district.label}", left, Emu(1600000), body_w, Emu(800000), size=26, color=GREEN)
    _text(s, unit.name, left, Emu(2400000), body_w, Emu(1200000), size=40, bold=True)
    _text(
        s,
        [
            f"{unit.get_target_type_display()} · {unit.sub_type}",
            f"ระบบมาตรฐานงานชุมชน (มชช.) ปีงบประมาณ {exemplar.year.fiscal_year}",
        ],
        left,
        Emu(3800000),
        body_w,
        Emu(1200000),
        size=22,
    )

    s = _slide(prs, "ข้อมูลหน่วยนับ")
    lines = [
        f"ชื่อ: {unit.name}",
        f"ประเภท: {unit.get_target_type_display()} ({unit.sub_type or '—'})",
        f"พื้นที่: {unit.village or ''} ต.{unit.subdistrict.name_th if unit.subdistrict else '—'} "
        f"{exemplar.district.label}",
    ]
    if unit.founded_on:
        lines.append(f"ก่อตั้งเมื่อ: {format_date(unit.founded_on)}")
    if unit.members_count:
        lines.append(f"จำนวนสมาชิก: {unit.members_count} คน")
    if unit.households:
        lines.append(f"จำนวนครัวเรือน: {unit.households} ครัวเรือน")
    if unit.coordinator:
        lines.append(f"ผู้ประสานงาน/ประธาน: {unit.coordinator}")
    if unit.position:
        lines.append(f"ตำแหน่ง: {unit.position}")
    _text(s, lines, left, Emu(1100000), body_w, h - Emu(1400000), size=22)

    s = _slide(prs, "แผนพัฒนาตนเอง")
    _text(s, _plan_lines(enrolment), left, Emu(1100000), body_w, h - Emu(1400000), size=22)

    s = _slide(prs, "ผลการประเมิน")
    results = []
    for e in (
        RoundEntry.objects.filter(enrolment=enrolment)
        .select_related("round__committee")
        .order_by("round__starts_on")
    ):
        score = f"คะแนนเฉลี่ย {e.mean_percent}%" if e.mean_percent is not None else "ยังไม่มีคะแนน"
        verdict = e.get_decision_display() if e.decision else "รอผล"
        results.append(f"{e.round.committee.get_level_display()}: {verdict} ({score})")
    if exemplar.reason:
        results.append(f"เหตุผลที่เสนอเป็นต้นแบบ: {exemplar.reason}")
    _text(s, results or ["ยังไม่มีผลการประเมินในปีนี้"], left, Emu(1100000), body_w, h - Emu(1400000), size=22)

    photos = list(Photo.objects.filter(unit=unit, year=exemplar.year).order_by("stage", "pk")[:4])
    if photos:
        s = _slide(prs, "ภาพกิจกรรม")
        pw, ph = (w - Emu(1371600)) // 2, (h - Emu(1600000)) // 2
        for i, photo in enumerate(photos):
            x = left + (i % 2) * (pw + Emu(457200))
            y = Emu(1000000) + (i // 2) * (ph + Emu(100000))
            try:
                with photo.image.open("rb") as fh:
                    s.shapes.add_picture(io.BytesIO(fh.read()), x, y, height=ph - Emu(350000))
            except (OSError, ValueError):
                continue
            _text(s, photo.caption, x, y + ph - Emu(350000), pw, Emu(350000), size=14)

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
