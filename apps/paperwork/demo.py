"""Demo: the offices of Phitsanulok (labelled as example data: the prefixes and signatories are for the province
to enter; the emblem is a placeholder labelled "ตัวอย่าง ตราครุฑ") and FY 2569's whole paper trail: appointment
orders of the district, zone and provincial committees, an invitation and the minutes of every meeting, the
results announcement, and the districts' numbered cover letters of their results report. Dates in order:
orders in June, invitations ten days before each meeting, minutes once approved, the announcement five days
after the provincial meeting. Only the provincial papers have their files built here; the others are built
when someone opens them (the worker's queue is not loaded with the whole demo)."""

import datetime as dt
import io

from django.core.files.base import ContentFile

from apps.core.demo_people import full_name
from apps.evaluation.models import Committee, Meeting, Round
from apps.geo.models import District
from apps.registry.enums import DeadlineKind, EvaluationLevel
from apps.reporting.models import Submission

from . import services
from .compose import office_for
from .models import Kind, OfficialDocument, Signatory

EXAMPLE_LABEL = "ตัวอย่าง ตราครุฑ"


def placeholder_emblem():
    """A PNG standing in for the Garuda emblem: a ring with the words "ตัวอย่าง ตราครุฑ" (never the real one)."""
    import fontpkg
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGBA", (360, 390), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((20, 20, 340, 340), outline=(120, 120, 120, 255), width=8)
    font = ImageFont.truetype(str(fontpkg.path("Sarabun", 700)), 52)
    for y, word in ((120, "ตัวอย่าง"), (190, "ตราครุฑ")):
        w = draw.textlength(word, font=font)
        draw.text(((360 - w) / 2, y), word, font=font, fill=(120, 120, 120, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _office(province, district, *, prefix, address, signatories, memo=False):
    office = office_for(province, district)
    if office.is_example or not office.prefix:
        office.prefix, office.address, office.is_example, office.cover_as_memo = prefix, address, True, memo
        office.garuda_label = EXAMPLE_LABEL
        if not office.garuda:
            office.garuda.save(
                f"garuda-example-{office.pk}.png", ContentFile(placeholder_emblem()), save=False
            )
        office.save()
    if not office.signatories.exists():
        for i, (name, position, acting) in enumerate(signatories, 1):
            Signatory.objects.create(office=office, name=name, position=position, acting_line=acting, order=i)
    return office


def _issue(kind, about, by, dated, signatory=None, build=False):
    existing = OfficialDocument.objects.filter(
        kind=kind, object_id=str(about.pk), content_type__model=about._meta.model_name
    ).first()
    if existing is not None:
        return existing
    return services.issue_document(kind, about, by=by, dated=dated, signatory=signatory, build=build)


def seed(ctx):
    y = ctx.years[2569]
    province = y.province
    staff = ctx.users["province"]
    pname = province.name_th
    prov = _office(
        province,
        None,
        prefix="ที่ พล ๐๐๒๓.๔/",
        address="ศาลากลางจังหวัดพิษณุโลก ถนนวังจันทน์\nอำเภอเมืองพิษณุโลก จังหวัดพิษณุโลก ๖๕๐๐๐",
        signatories=[
            (full_name(51, "นาย"), "รองผู้ว่าราชการจังหวัดพิษณุโลก", f"ปฏิบัติราชการแทนผู้ว่าราชการจังหวัด{pname}"),
            (full_name(53, "นาง"), f"พัฒนาการจังหวัด{pname}", f"ปฏิบัติราชการแทนผู้ว่าราชการจังหวัด{pname}"),
        ],
    )
    deputy, cd_head = list(prov.signatories.order_by("order"))[:2]
    for i, d in enumerate(District.objects.filter(province=province).order_by("code")):
        _office(
            province,
            d,
            prefix=f"ที่ พล ๐๐๒๓.{int(d.code[2:])}/".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")),
            address=f"ที่ว่าการ{d.label} จังหวัด{pname}",
            signatories=[(full_name(60 + i, "นาย"), f"นายอำเภอ{d.name_th}", "")],
            memo=d.code
            == "6502",  # 6502 sends its cover letters as บันทึกข้อความ, the others as external letters
        )

    plan = []  # (date, kind, object, signatory, build): issued in date order, so numbers run with the dates
    committees = list(
        Committee.objects.filter(year=y)
        .select_related("district", "zone")
        .order_by("level", "district_id", "zone_id")
    )
    rounds = {r.committee_id: r for r in Round.objects.filter(committee__year=y)}
    for c in committees:
        rnd = rounds.get(c.pk)
        if rnd is None or not c.members.exists():  # no seats: the district officer records the results
            continue
        provincial = c.level == EvaluationLevel.COMMITTEE
        ordered = rnd.starts_on - dt.timedelta(days=25 if c.level == EvaluationLevel.DISTRICT else 30)
        plan.append((ordered, Kind.APPOINTMENT, c, None if c.district_id else deputy, provincial))
        for m in Meeting.objects.filter(round=rnd).order_by("number"):
            plan.append(
                (
                    m.held_on - dt.timedelta(days=10),
                    Kind.INVITATION,
                    m,
                    None if c.district_id else cd_head,
                    provincial,
                )
            )
            if m.minutes_approved_on:
                plan.append((m.minutes_approved_on, Kind.MINUTES, m, None, provincial))
        if provincial:
            last = Meeting.objects.filter(round=rnd).order_by("-held_on").first()
            plan.append((last.held_on + dt.timedelta(days=5), Kind.ANNOUNCEMENT, rnd, deputy, True))
    officers = {"6501": ctx.users["district6501"], "6502": ctx.users["district6502"]}
    covers = Submission.objects.filter(
        year=y, district_id__in=officers, kind=DeadlineKind.RESULTS, submitted_at__isnull=False
    )
    plan += [(sub.submitted_at.date(), Kind.COVER, sub, None, False) for sub in covers]
    for dated, kind, about, signatory, build in sorted(plan, key=lambda p: (p[0], p[1])):
        by = officers[about.district_id] if kind == Kind.COVER else staff
        _issue(kind, about, by, dated, signatory=signatory, build=build)
