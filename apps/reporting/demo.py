"""Demo reports: FY 2569 every report accepted (a few late); FY 2570 the applicant list (due 20 Nov 2569,
guideline 2.7.1) sent by most districts — one returned with a reason, one missing (6502), one late.
Idempotent: a report already past draft is left as it is."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from apps.geo.models import District
from apps.registry.demo_photos import seed_stage_photos
from apps.registry.enums import DeadlineKind, Stage
from apps.registry.models import Photo

from . import services
from .models import SubmissionState

BKK = ZoneInfo("Asia/Bangkok")
PHOTO_CAPTIONS = {
    Stage.PREPARATION: "ประชุมคณะกรรมการ มชช. อำเภอ ชี้แจงแนวทางการดำเนินงาน",
    Stage.RECRUITMENT: "รับสมัครกลุ่มเป้าหมายเข้าสู่ระบบ มชช. ณ ศาลาประชาคมหมู่บ้าน",
    Stage.REINFORCEMENT: "กลุ่มเป้าหมายประเมินตนเองตามมาตรฐานและจัดทำแผนพัฒนาตนเอง",
    Stage.SELF_DEVELOPMENT: "ติดตามนิเทศการพัฒนาตนเองของกลุ่มออมทรัพย์เพื่อการผลิต",
    Stage.EVALUATION: "คณะกรรมการระดับอำเภอประเมินเพื่อรับรองการพัฒนาตนเอง",
}
COLORS = {1: (31, 95, 153), 2: (63, 143, 207), 3: (224, 165, 38), 4: (90, 164, 105), 5: (181, 71, 58)}


def _at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, 0, tzinfo=BKK)


def _jpeg(stage):
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (480, 320), COLORS[stage])
    draw = ImageDraw.Draw(im)
    draw.rectangle([20, 200, 460, 300], fill=(245, 245, 240))
    draw.ellipse([180, 40, 300, 160], fill=(250, 250, 250))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=70)
    return out.getvalue()


def _photos(year, district, by, stages):
    unit = district.units.order_by("pk").first()
    for stage in stages:
        caption = PHOTO_CAPTIONS[stage]
        if Photo.objects.filter(year=year, district=district, caption=caption).exists():
            continue
        p = Photo(
            year=year,
            district=district,
            unit=unit if stage >= 3 else None,
            stage=stage,
            caption=caption,
            taken_on=year.bounds[0] + dt.timedelta(days=30 * stage),
            uploaded_by=by,
        )
        p.image.save(
            f"demo-{district.code}-{year.fiscal_year}-{stage}.jpg", ContentFile(_jpeg(stage)), save=False
        )
        p.save()


def _deliver(year, district, kind, by, when, *, reviewer=None, accept_at=None, return_reason=None, note=""):
    sub = services.get_or_create_submission(year, district, kind)
    if sub.state != SubmissionState.DRAFT:
        return sub
    sub = services.submit_report(sub, by=by, note=note, now=when, build_pdf=False)
    if return_reason:
        sub = services.return_report(sub, by=reviewer, reason=return_reason, now=accept_at)
    elif accept_at:
        sub = services.accept_report(sub, by=reviewer, now=accept_at)
    return sub


def seed(ctx):
    users, years = ctx.users, ctx.years
    province_user = users["province"]
    districts = list(District.objects.filter(province=ctx.province).order_by("code"))
    officer = {"6501": users["district6501"], "6502": users["district6502"]}
    y69, y70 = years[2569], years[2570]

    # FY 2569: complete, every report accepted; a few arrived late.
    late_69 = {
        ("6503", DeadlineKind.APPLICANT_LIST): 4,
        ("6507", DeadlineKind.PLANS): 9,
        ("6502", DeadlineKind.RESULTS): 2,
        ("6509", DeadlineKind.PHOTOS): 6,
    }
    deadlines69 = {d.kind: d.due_on for d in y69.deadlines.all()}
    for district in districts:
        by = officer.get(district.code, province_user)
        _photos(y69, district, by, list(Stage))
        for kind in DeadlineKind:
            due = deadlines69[kind]
            late = late_69.get((district.code, kind), 0)
            sent = due + dt.timedelta(days=late if late else -(1 + int(district.code) % 4))
            _deliver(
                y69,
                district,
                kind,
                by,
                _at(sent.year, sent.month, sent.day),
                reviewer=province_user,
                accept_at=_at(sent.year, sent.month, sent.day, 15) + dt.timedelta(days=3),
            )

    # FY 2570: the applicant list (due 20 Nov 2569 = 2026-11-20); today is 25 Nov 2569.
    for code in ("6501", "6502"):
        _photos(y70, District.objects.get(code=code), officer[code], [Stage.PREPARATION, Stage.RECRUITMENT])
    # 6501's units: several photos of every stage they reached, the district's choice for its report (2.7.3).
    seed_stage_photos(y70, District.objects.get(code="6501"), officer["6501"])
    kind = DeadlineKind.APPLICANT_LIST
    for district in districts:
        code = district.code
        by = officer.get(code, province_user)
        if code == "6502":
            continue  # missing: the demo of a late submission (district6502 sends it now)
        if code == "6503":
            _deliver(
                y70,
                district,
                kind,
                by,
                _at(2026, 11, 17),
                reviewer=province_user,
                accept_at=_at(2026, 11, 21, 14),
                return_reason="รายชื่อกลุ่มเป้าหมายประเภทเครือข่ายองค์การชุมชนยังไม่ครบ และขาดเบอร์โทรศัพท์ผู้ประสานงาน "
                "กรุณาเพิ่ม ศอช.ต. ที่สมัครและแก้ไขข้อมูลผู้ประสานงานแล้วส่งอีกครั้ง",
            )
        elif code == "6505":
            _deliver(
                y70,
                district,
                kind,
                by,
                _at(2026, 11, 23, 16),
                note="ขออภัยที่ส่งล่าช้า เนื่องจากรอมติคณะกรรมการ มชช. อำเภอ",
            )
        elif code in ("6504", "6506"):
            _deliver(
                y70,
                district,
                kind,
                by,
                _at(2026, 11, 15),
                reviewer=province_user,
                accept_at=_at(2026, 11, 22, 11),
            )
        else:
            _deliver(y70, district, kind, by, _at(2026, 11, 18 + int(code) % 2))
