"""Demo: certificates of every FY 2569 unit certified by the provincial committee, dated on the day of the
meeting whose resolution passed it (apps.evaluation.demo: 10 Sep 2026), numbered "พล {seq}/2569"; the
ceremony of 20 Nov 2026 for part of the province, honours given by the province and districts, one revocation."""

import datetime as dt

from apps.evaluation.models import Exemplar, RoundEntry
from apps.registry.enums import EvaluationLevel, Outcome, TargetType
from apps.registry.models import Enrolment

from .honours import record_honour, save_ceremony
from .kinds import ensure_defaults as ensure_default_kinds
from .models import Ceremony, Certificate, CertificateSettings, Honour
from .services import issue_certificate, revoke_certificate, set_award_date

CEREMONY = dt.date(2026, 11, 20)  # FY 2570: the ceremony falls in the next fiscal year
CEREMONY_DISTRICTS = {"6501", "6502", "6503", "6505", "6506", "6508"}
SIGNER = "นายวิชัย ตัวอย่างสาธิต"  # invented (apps/core/demo_people.py): no real governor is named
REVOKE_REASON = (
    "คณะกรรมการ มชช. จังหวัด มีมติในการประชุมครั้งที่ 1/2570 ให้เพิกถอน เนื่องจากตรวจพบภายหลังว่า"
    "กลุ่มหยุดดำเนินกิจกรรมและไม่ได้ประชุมสมาชิกมากกว่า 1 ปี ก่อนวันประเมิน"
)


def seed(ctx):
    ensure_default_kinds()
    y69 = ctx.years[2569]
    staff = ctx.users["province"]
    chair = ctx.users["chair"]
    province = y69.province.name_th
    CertificateSettings.objects.get_or_create(
        year=y69,
        defaults={
            "issuer": f"สำนักงานพัฒนาชุมชนจังหวัด{province}",
            "signer_name": chair.get_full_name(),
            "signer_title": f"ประธานคณะกรรมการ มชช. จังหวัด{province}",
        },
    )
    CertificateSettings.objects.get_or_create(
        year=ctx.years[2570],
        defaults={
            "issuer": f"สำนักงานพัฒนาชุมชนจังหวัด{province}",
            "signer_name": chair.get_full_name(),
            "signer_title": f"ประธานคณะกรรมการ มชช. จังหวัด{province}",
        },
    )
    certified = (
        Enrolment.objects.filter(year=y69, outcome=Outcome.CERTIFIED)
        .select_related("unit", "year")
        .order_by("unit__district_id", "unit__target_type", "unit__name")
    )
    y69.certificate_pattern = "{abbr} {seq}/{year}"
    y69.save(update_fields=["certificate_pattern"])
    meeting_day = dict(
        RoundEntry.objects.filter(
            enrolment__year=y69, round__committee__level=EvaluationLevel.COMMITTEE, decided_in__isnull=False
        ).values_list("enrolment_id", "decided_in__held_on")
    )
    certs = []
    for e in certified:
        cert = issue_certificate(e, by=staff, certified_on=meeting_day[e.pk])
        if cert.awarded_on is None and not cert.revoked_at and e.unit.district_id in CEREMONY_DISTRICTS:
            set_award_date(cert, by=staff, awarded_on=CEREMONY)
        certs.append(cert)

    # one revocation, with its reason (a group of วัดโบสถ์)
    if not Certificate.objects.filter(year=y69, revoked_at__isnull=False).exists():
        victim = next(
            (c for c in certs if c.unit.district_id == "6507" and c.unit.target_type == TargetType.GROUP),
            None,
        )
        if victim:
            revoke_certificate(victim, by=staff, reason=REVOKE_REASON)

    _honours(ctx, y69, certs)


def _honours(ctx, y69, certs):
    staff, d6501, d6502 = ctx.users["province"], ctx.users["district6501"], ctx.users["district6502"]
    province = y69.province.name_th
    plan = []
    for c in certs:
        if c.revoked_at:
            continue
        d = c.unit.district_id
        if c.unit.target_type == TargetType.COMMUNITY and d in CEREMONY_DISTRICTS:
            plan.append(
                (
                    c.unit,
                    staff,
                    Honour.Kind.PLAQUE,
                    "โล่รางวัลหมู่บ้านเศรษฐกิจพอเพียงต้นแบบ ผ่านการรับรอง มชช. ปี 2569",
                    Honour.Giver.PROVINCE,
                    f"ผู้ว่าราชการจังหวัด{province}",
                    CEREMONY,
                )
            )
        if c.unit.target_type == TargetType.LEADER and d in CEREMONY_DISTRICTS:
            plan.append(
                (
                    c.unit,
                    staff,
                    Honour.Kind.PIN,
                    "เข็มเชิดชูเกียรติผู้นำชุมชนผ่านการรับรอง มชช.",
                    Honour.Giver.PROVINCE,
                    f"ผู้ว่าราชการจังหวัด{province}",
                    CEREMONY,
                )
            )
        if d == "6501" and c.unit.target_type == TargetType.GROUP:
            plan.append(
                (
                    c.unit,
                    d6501,
                    Honour.Kind.CERTIFICATE_OF_HONOUR,
                    "เกียรติบัตรกลุ่มออมทรัพย์ดีเด่นระดับอำเภอ",
                    Honour.Giver.DISTRICT,
                    "นายอำเภอเมืองพิษณุโลก",
                    dt.date(2026, 10, 9),
                )
            )
        if d == "6502" and c.unit.target_type in (TargetType.GROUP, TargetType.NETWORK):
            plan.append(
                (
                    c.unit,
                    d6502,
                    Honour.Kind.CERTIFICATE_OF_HONOUR,
                    "เกียรติบัตรผู้ผ่านการรับรอง มชช. อำเภอนครไทย",
                    Honour.Giver.DISTRICT,
                    "นายอำเภอนครไทย",
                    dt.date(2026, 10, 15),
                )
            )
    ceremony = _ceremony(y69, staff)
    exemplar_units = set(Exemplar.objects.filter(year=y69).values_list("enrolment__unit_id", flat=True))
    for c in certs:
        if c.revoked_at or c.unit.district_id not in CEREMONY_DISTRICTS:
            continue
        plan.append(
            (
                c.unit,
                staff,
                Honour.Kind.CERTIFICATE_OF_HONOUR,
                f"ผ่านการรับรองมาตรฐานการพัฒนาชุมชน (มชช.) ประเภท{c.unit.get_target_type_display()} ปีงบประมาณ 2569",
                Honour.Giver.PROVINCE,
                f"ผู้ว่าราชการจังหวัด{province}",
                CEREMONY,
            )
        )
        if c.unit_id in exemplar_units:
            plan.append(
                (
                    c.unit,
                    staff,
                    "exemplar_plaque",
                    f"โล่ต้นแบบการพัฒนาชุมชน {c.unit.district.label} ปีงบประมาณ 2569",
                    Honour.Giver.PROVINCE,
                    f"ผู้ว่าราชการจังหวัด{province}",
                    CEREMONY,
                )
            )
    for unit, by, kind, title, giver, given_by, on in plan:
        if not Honour.objects.filter(unit=unit, year=y69, kind=kind, title=title).exists():
            record_honour(
                unit=unit,
                year=y69,
                by=by,
                kind=kind,
                title=title,
                giver_level=giver,
                given_by=given_by,
                given_on=on,
                ceremony=ceremony if on == CEREMONY and giver == Honour.Giver.PROVINCE else None,
            )


def _placeholder_signature():
    """A signature-like stroke for the demo, labelled as a specimen on the image itself."""
    import io

    import fontpkg
    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    pts = [
        (30, 140),
        (90, 60),
        (130, 150),
        (180, 70),
        (230, 140),
        (300, 80),
        (360, 130),
        (430, 90),
        (560, 110),
    ]
    d.line(pts, fill=(20, 40, 120, 255), width=6, joint="curve")
    d.text(
        (200, 150),
        "ตัวอย่างลายมือชื่อ",
        font=ImageFont.truetype(str(fontpkg.path("Sarabun", 400)), 34),
        fill=(150, 150, 150, 255),
    )
    out = io.BytesIO()
    img.save(out, "PNG")
    return ContentFile(out.getvalue(), name="signature-specimen.png")


def _ceremony(y69, staff):
    """The province's ceremony of 20 Nov 2026 (in FY 2570: the day the certificates and honours were handed out)."""
    ceremony = Ceremony.objects.filter(year=y69, district__isnull=True).first()
    if ceremony is not None:
        return ceremony
    province = y69.province.name_th
    return save_ceremony(
        Ceremony(
            year=y69,
            title=f"พิธีมอบใบรับรองและเชิดชูเกียรติผู้ผ่านการรับรอง มชช. จังหวัด{province} ประจำปี 2569",
            held_on=CEREMONY,
            place=f"ห้องประชุมศาลากลางจังหวัด{province}",
            presiding=f"ผู้ว่าราชการจังหวัด{province}",
            signer_name=f"{SIGNER} (ข้อมูลสาธิต)",
            signer_position=f"ผู้ว่าราชการจังหวัด{province}",
        ),
        by=staff,
        signature=_placeholder_signature(),
    )
