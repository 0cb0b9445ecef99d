"""Demo photos of every stage (guideline 2.7.3, issue 22 item 2): for each unit of a district-year, 2–4 photos of
every stage it reached, drawn with Pillow (a coloured scene of the activity with its Thai caption on a banner),
each with its caption and the date taken, thumbnails made, and the district's choice for its report."""

import datetime as dt
import io
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from .enums import Stage
from .models import Enrolment, Photo
from .services_stage1 import ensure_thumbnail

SCENES = {
    Stage.PREPARATION: ("ประชุมคณะทำงาน มชช. อำเภอ", (120, 170, 220), (90, 140, 80)),
    Stage.RECRUITMENT: ("เวทีประชาคมรับสมัคร", (250, 200, 120), (150, 120, 70)),
    Stage.REINFORCEMENT: ("ประเมินตนเองและทำแผนพัฒนา", (170, 210, 240), (70, 130, 110)),
    Stage.SELF_DEVELOPMENT: ("ศึกษาดูงานแลกเปลี่ยนเรียนรู้", (200, 230, 200), (110, 160, 60)),
    Stage.EVALUATION: ("คณะกรรมการประเมินผล", (230, 190, 210), (120, 110, 150)),
}
DETAILS = ["ช่วงเช้า", "ช่วงบ่าย", "สมาชิกร่วมกิจกรรม", "สรุปผลการประชุม"]


def _font(size):
    import fontpkg
    from PIL import ImageFont

    return ImageFont.truetype(str(fontpkg.path("Sarabun", 700)), size)


def scene_jpeg(seed, caption, sky, ground, size=(1200, 800)):
    """A simple scene: sky, field, a sala with a roof, people at the activity, a banner with the Thai caption."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    w, h = size
    im = Image.new("RGB", size, sky)
    d = ImageDraw.Draw(im)
    d.rectangle([0, int(h * 0.55), w, h], fill=ground)
    d.ellipse([w - 220, 40, w - 100, 160], fill=(255, 225, 120))  # the sun
    x = rng.randint(80, w - 520)
    d.rectangle([x, int(h * 0.32), x + 420, int(h * 0.62)], fill=(190, 140, 90))  # the sala
    d.polygon(
        [(x - 40, int(h * 0.33)), (x + 210, int(h * 0.16)), (x + 460, int(h * 0.33))], fill=(170, 50, 45)
    )
    for i in range(rng.randint(5, 9)):  # people
        px = 60 + i * (w - 120) // 9 + rng.randint(0, 30)
        py = int(h * 0.62) + rng.randint(0, 60)
        d.ellipse([px, py, px + 40, py + 40], fill=(235, 195, 160))
        shirt = (rng.randint(30, 230), rng.randint(30, 230), rng.randint(60, 230))
        d.rounded_rectangle([px - 6, py + 40, px + 46, py + 130], radius=10, fill=shirt)
    d.rectangle([40, 30, 40 + int(w * 0.72), 130], fill=(255, 255, 255), outline=(40, 90, 160), width=5)
    d.text((64, 48), caption, font=_font(46), fill=(30, 60, 120))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=82)
    return buf.getvalue()


def seed_stage_photos(year, district, by, *, report_choice=3):
    """2–4 photos of every stage each enrolled unit of the district reached this year (idempotent); the district
    chose up to `report_choice` of each stage for its report (one unit left without a choice: the report then
    takes the first taken)."""
    enrolments = list(
        Enrolment.objects.filter(year=year, unit__district=district)
        .select_related("unit")
        .order_by("unit__name")
    )
    start, today = year.bounds[0], timezone.localdate()
    made = 0
    for n, e in enumerate(enrolments):
        rng = random.Random(e.unit_id * 31 + year.fiscal_year)
        for stage in Stage:
            if stage > e.stage:
                break
            title, sky, ground = SCENES[stage]
            count = rng.randint(2, 4)
            for i in range(count):
                caption = f"{title} ({DETAILS[i]})"
                if Photo.objects.filter(year=year, unit=e.unit, stage=stage, caption=caption).exists():
                    continue
                p = Photo(
                    district=district,
                    year=year,
                    unit=e.unit,
                    stage=stage,
                    caption=caption,
                    taken_on=min(
                        today, start + dt.timedelta(days=14 + 24 * (stage.value - 1) + i * 3 + n % 5)
                    ),
                    uploaded_by=by,
                    in_report=n % 4 != 3 and i < report_choice,
                    report_order=i + 1 if n % 4 != 3 and i < report_choice else 0,
                )
                data = scene_jpeg(
                    e.unit_id * 100 + stage.value * 10 + i, f"{title} ({DETAILS[i]})", sky, ground
                )
                p.image.save(f"demo-stage-{e.unit_id}-{stage.value}-{i}.jpg", ContentFile(data), save=False)
                p.save()
                ensure_thumbnail(p)
                made += 1
    return made
