"""Phitsanulok demo: FY 2569 complete, FY 2570 under way (recruitment closed 20 Nov 2569)."""

import datetime as dt
import random

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment
from apps.core import demo_people
from apps.geo.models import District, Village, Zone
from apps.geo.services import save_zone

from .enums import Outcome, PartnerKind, PrepKind, Stage, TargetType
from .models import Enrolment, Partner, Photo, PreparationRecord, ProgrammeYear, Unit
from .services import open_programme_year

ZONES = {
    "โซนที่ 1 (เมือง)": ["6501", "6505", "6506"],
    "โซนที่ 2 (ตอนบน)": ["6502", "6503", "6508"],
    "โซนที่ 3 (ตอนล่าง)": ["6504", "6507", "6509"],
}
VILLAGE_NAMES = [
    "หนองพิกุล",
    "ท่าโพธิ์",
    "วังน้ำคู้",
    "ดอนทอง",
    "บึงพระ",
    "หัวรอ",
    "สระโคล่",
    "คลองเรือ",
    "โป่งแค",
    "ห้วยเฮี้ย",
    "บ่อโพธิ์",
    "นาบัว",
    "เนินกุ่ม",
    "ไผ่ขอดอน",
    "บ้านใหม่",
    "ทับยายเชียง",
]
# Invented people only (apps.core.demo_people: surnames end in สาธิต, IDs from the never-issued 9-99-99 range).
COORDINATOR_GROUP = demo_people.full_name(1, "นาง")
COORDINATOR_NETWORK = demo_people.full_name(2, "นาย")
DEMO_NOTE = " (ข้อมูลสาธิต: บุคคลสมมติ)"
GROUP_KINDS = ["กลุ่มออมทรัพย์เพื่อการผลิต", "กองทุนแม่ของแผ่นดิน", "กพสม.", "ศูนย์เรียนรู้ชุมชน", "กข.คจ."]


def _villages(district, rng):
    subs = list(district.subdistricts.all()[:4])
    out = []
    for i, sub in enumerate(subs):
        for moo in (1, 2):
            v, _ = Village.objects.get_or_create(
                subdistrict=sub,
                moo=moo,
                defaults={
                    "name": VILLAGE_NAMES[(i * 2 + moo + int(district.code)) % len(VILLAGE_NAMES)],
                    "is_model_village": moo == 1,
                },
            )
            out.append(v)
    return out


def _unit(district, tt, n, village, by):
    sub = village.subdistrict
    if tt == TargetType.LEADER:
        seq = int(district.code) % 100 * 100 + n
        title, first, last = demo_people.person(seq)
        defaults = dict(
            title=title,
            first_name=first,
            last_name=last,
            position="ผู้นำ อช." if n % 2 else "อช.",
            sub_type="อช./ผู้นำ อช.",
            phone=demo_people.phone(seq),
            national_id=demo_people.national_id(seq),
            active_since=dt.date(2010 + n, 5, 1),
            address=f"{village.moo} หมู่ {village.moo} ต.{sub.name_th}",
            description="เป็นแกนนำจัดทำแผนชุมชนและส่งเสริมการออมในหมู่บ้าน" + DEMO_NOTE,
        )
        name = f"{title}{first} {last}"
    elif tt == TargetType.GROUP:
        kind = GROUP_KINDS[(int(district.code) + n) % len(GROUP_KINDS)]
        name = f"{kind}บ้าน{village.name}"
        defaults = dict(
            sub_type=kind,
            founded_on=dt.date(2012 + n, 3, 1),
            members_count=40 + 7 * n,
            coordinator=COORDINATOR_GROUP,
            description="ระดมเงินออมและให้สมาชิกกู้ยืมเพื่อการผลิต",
        )
    elif tt == TargetType.NETWORK:
        name = f"ศูนย์ประสานงานองค์การชุมชนตำบล{sub.name_th}"
        defaults = dict(
            sub_type="ศอช.ต.",
            founded_on=dt.date(2010, 6, 1),
            members_count=12 + n,
            coordinator=COORDINATOR_NETWORK,
            description="ประสานองค์กรชุมชนในตำบลจัดทำแผนพัฒนาตำบล",
        )
    else:
        name = f"บ้าน{village.name} หมู่ที่ {village.moo} ต.{sub.name_th}"
        defaults = dict(
            sub_type="หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ",
            households=80 + 11 * n,
            coordinator="ผู้ใหญ่บ้าน",
            description="หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ ลดรายจ่าย เพิ่มรายได้",
        )
    unit, _ = Unit.objects.get_or_create(
        district=district,
        target_type=tt,
        name=name,
        defaults={
            **defaults,
            "subdistrict": sub,
            "village": village,
            "created_by": by,
            "consent_given_by": name if tt == TargetType.LEADER else defaults.get("coordinator", ""),
            "consent_at": dt.datetime(2025, 10, 20, 10, 0, tzinfo=dt.UTC),
            "consent_recorded_by": by,
        },
    )
    return unit


def seed(ctx):
    province, users = ctx.province, ctx.users
    by = users["province"]
    y69 = ProgrammeYear.objects.filter(province=province, fiscal_year=2569).first()
    if y69 is None:
        y69 = open_programme_year(province, 2569, by=by)
        for name, codes in ZONES.items():
            save_zone(province, 2569, name, codes, by=by)
    y70 = ProgrammeYear.objects.filter(province=province, fiscal_year=2570).first()
    if y70 is None:
        y70 = open_programme_year(province, 2570, by=by, copy_from=y69)
        y70.level_subcommittee = True  # DESIGN §7: the demo year shows every role
        y70.save(update_fields=["level_subcommittee"])
    ctx.years = {2569: y69, 2570: y70}
    zone1 = Zone.objects.get(province=province, fiscal_year=2570, memberships__district_id="6501")
    ctx.zone1 = zone1
    RoleAssignment.objects.get_or_create(
        user=users["zone1"], role=Role.ZONE_MEMBER, zone=zone1, fiscal_year=2570
    )

    rng = random.Random(65)
    mentors = {"6501": [users["district6501"], users["staff6501b"]], "6502": [users["district6502"]]}
    ctx.units = []
    for district in District.objects.filter(province=province):
        villages = _villages(district, rng)
        for ti, tt in enumerate(TargetType):
            for n in range(3):
                pool = mentors.get(district.code) or [None]
                mentor = pool[(ti + n) % len(pool)]
                village = villages[(ti + n) % len(villages)]
                unit = _unit(district, tt, n, village, by)
                ctx.units.append(unit)
                # n = 0, 1: enrolled in 2569 (0 certified; 1 certified unless it is the network → not passed)
                # n = 2: new in 2570
                if n < 2:
                    outcome = (
                        Outcome.CERTIFIED if (n == 0 or tt != TargetType.NETWORK) else Outcome.NOT_PASSED
                    )
                    if n == 1 and tt == TargetType.COMMUNITY and district.code in ("6502", "6507"):
                        outcome = Outcome.NOT_PASSED
                    e69, _ = Enrolment.objects.get_or_create(
                        unit=unit,
                        year=y69,
                        defaults={
                            "stage": Stage.EVALUATION,
                            "outcome": outcome,
                            "mentor": mentor,
                            "enrolled_on": dt.date(2025, 11, 5),
                            "created_by": by,
                        },
                    )
                    if e69.outcome == Outcome.NOT_PASSED:
                        Enrolment.objects.get_or_create(
                            unit=unit,
                            year=y70,
                            defaults={
                                "stage": Stage.REINFORCEMENT,
                                "carried_over": True,
                                "previous": e69,
                                "mentor": mentor,
                                "enrolled_on": dt.date(2026, 11, 3),
                                "created_by": by,
                            },
                        )
                else:
                    Enrolment.objects.get_or_create(
                        unit=unit,
                        year=y70,
                        defaults={
                            "stage": Stage.RECRUITMENT if rng.random() < 0.5 else Stage.REINFORCEMENT,
                            "mentor": mentor,
                            "enrolled_on": dt.date(2026, 11, 10 + (ti % 5)),
                            "created_by": by,
                        },
                    )

    _consents(ctx.units, by)
    _data_requests(users.get("district6501", by) or by)
    for district in District.objects.filter(province=province, code__in=["6501", "6502", "6503"]):
        for year in (y69, y70):
            _stage1(district, year, users.get(f"district{district.code}", by) or by)
            _photos(district, year, users.get(f"district{district.code}", by) or by)


def _d(year, month, day):
    """A date of FY `year` (B.E.): October–December fall in the previous C.E. year."""
    ce = year.fiscal_year - 543 - (1 if month >= 10 else 0)
    return dt.date(ce, month, day)


def _stage1(district, year, by):
    fy = year.fiscal_year
    records = [
        (
            PrepKind.BRIEFING,
            f"ประชุมชี้แจงแนวทาง มชช. ปี {fy} แก่พัฒนากรทุกตำบล",
            _d(year, 10, 8),
            "ห้องประชุมที่ว่าการอำเภอ" + district.name_th,
            "พัฒนาการอำเภอ\nนักวิชาการพัฒนาชุมชน\nพัฒนากรประจำตำบล",
            12,
            "มอบหมายพัฒนากรรับผิดชอบหน่วยนับรายตำบล ศึกษาคู่มือ มชช. (แนวทางข้อ 2.1)",
        ),
        (
            PrepKind.COMMITTEE_MEETING,
            f"ประชุมคณะกรรมการ มชช. อำเภอ{district.name_th} ครั้งที่ 1/{fy}",
            _d(year, 10, 21),
            "ห้องประชุมอำเภอ",
            "นายอำเภอ (ประธาน)\nพัฒนาการอำเภอ (เลขานุการ)\nผู้แทนเกษตรอำเภอ\nผู้แทน อบต.\nผู้นำผู้ผ่าน มชช.",
            15,
            "1. เห็นชอบเป้าหมายอำเภอ ประเภทละอย่างน้อย 1 หน่วยนับ\n2. กำหนดแนวทางที่ยืดหยุ่นเหมาะสมกับชุมชน"
            "\n3. ประสานภาคีการพัฒนาและเครือข่ายผู้ผ่าน มชช. สนับสนุนการเรียนรู้ (แนวทางข้อ 2.3)",
        ),
        (
            PrepKind.LOCAL_GUIDELINE,
            f"แนวทางการดำเนินงาน มชช. อำเภอ{district.name_th} ปี {fy}",
            _d(year, 10, 25),
            "",
            "",
            None,
            "เน้นหมู่บ้านเศรษฐกิจพอเพียงต้นแบบ ใช้เวทีประชาคมตำบลเป็นช่องทางรับสมัคร",
        ),
        (
            PrepKind.PUBLICITY,
            "ประชาสัมพันธ์เชิญชวนผ่านหอกระจายข่าวและกลุ่มไลน์ผู้นำ",
            _d(year, 11, 2),
            "หอกระจายข่าวหมู่บ้าน กลุ่มไลน์ผู้นำ อช.",
            "",
            300,
            "เชิญชวนกลุ่มเป้าหมายในหมู่บ้านเศรษฐกิจพอเพียงต้นแบบสมัครใจเข้าสู่ระบบ (แนวทางข้อ 2.4)",
        ),
    ]
    for kind, title, held_on, place, attendees, count, resolutions in records:
        PreparationRecord.objects.get_or_create(
            district=district,
            year=year,
            kind=kind,
            title=title,
            defaults={
                "held_on": held_on,
                "place": place,
                "attendees": attendees,
                "attendees_count": count,
                "resolutions": resolutions,
                "created_by": by,
            },
        )
    for kind, name, contact, support in [
        (
            PartnerKind.DEVELOPMENT,
            "สำนักงานเกษตรอำเภอ" + district.name_th,
            "นายเกษตรอำเภอ",
            "วิทยากรเรื่องการผลิตและแปรรูป",
        ),
        (
            PartnerKind.DEVELOPMENT,
            "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.) สาขา" + district.name_th,
            "ผู้จัดการสาขา",
            "อบรมการบริหารจัดการเงินทุนชุมชน",
        ),
        (
            PartnerKind.ALUMNI,
            "เครือข่ายผู้ผ่าน มชช. อำเภอ" + district.name_th,
            COORDINATOR_GROUP,
            "พี่เลี้ยงแลกเปลี่ยนเรียนรู้ให้ผู้สมัครใหม่",
        ),
    ]:
        Partner.objects.get_or_create(
            district=district,
            year=year,
            name=name,
            defaults={"kind": kind, "contact": contact, "support": support, "created_by": by},
        )


def _consents(units, by):
    """Every demo leader agreed on a (scanned, demo-marked) paper form to publishing the name and photos; the
    first leader of each district also the phone."""
    from apps.core.audit import audit

    from .enums import ConsentChannel, ConsentPurpose
    from .models import Consent

    for unit in units:
        if not unit.is_leader or unit.consents.exists():
            continue
        first = (
            unit.name
            == Unit.objects.filter(district=unit.district, target_type=TargetType.LEADER)
            .order_by("pk")
            .values_list("name", flat=True)
            .first()
        )
        purposes = [ConsentPurpose.NAME, ConsentPurpose.PHOTO] + ([ConsentPurpose.PHONE] if first else [])
        scan = _jpeg(f"consent-{unit.pk}")
        scan.name = f"consent-demo-{unit.pk}.jpg"
        for purpose in purposes:
            c = Consent(
                unit=unit,
                purpose=purpose,
                given_by=unit.name,
                given_on=dt.date(2025, 10, 20),
                channel=ConsentChannel.PAPER,
                note="ข้อมูลสาธิต: แบบฟอร์มสมมติ",
                recorded_by=by,
            )
            scan.seek(0)
            c.scan.save(scan.name, scan, save=False)
            c.save()
            audit(by, "consent.recorded", c, after={"unit": unit.pk, "purpose": purpose, "channel": "paper"})


def _data_requests(by):
    """One open request of access in 6501 (due within 30 days of receipt), one answered objection."""
    from .enums import RequestKind, RequestStatus
    from .models import DataRequest

    leaders = list(Unit.objects.filter(district_id="6501", target_type=TargetType.LEADER).order_by("pk")[:2])
    if len(leaders) < 2 or DataRequest.objects.filter(unit__in=leaders).exists():
        return
    for unit, kind, received, status, outcome in (
        (leaders[0], RequestKind.ACCESS, dt.date(2026, 11, 25), RequestStatus.OPEN, ""),
        (
            leaders[1],
            RequestKind.OBJECTION,
            dt.date(2026, 10, 6),
            RequestStatus.DONE,
            "ข้อมูลสาธิต: ชี้แจงว่าการเก็บข้อมูลทะเบียนเป็นภารกิจของรัฐ และนำโทรศัพท์ออกจากโปรไฟล์สาธารณะแล้ว",
        ),
    ):
        DataRequest.objects.create(
            unit=unit,
            kind=kind,
            subject_name=unit.name,
            received_on=received,
            due_on=received + dt.timedelta(days=DataRequest.DUE_DAYS),
            details="ข้อมูลสาธิต: คำขอสมมติ",
            status=status,
            outcome=outcome,
            closed_by=by if outcome else None,
            created_by=by,
        )


def _jpeg(seed):
    """A small picture (sky, fields, a house) so that galleries show real images."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    im = Image.new("RGB", (480, 320), (135 + rng.randint(0, 60), 190, 235))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 200, 480, 320], fill=(70 + rng.randint(0, 60), 150 + rng.randint(0, 50), 60))
    x = rng.randint(40, 300)
    d.rectangle([x, 130, x + 120, 220], fill=(180, 120, 70))
    d.polygon([(x - 15, 135), (x + 60, 80), (x + 135, 135)], fill=(160, 40, 40))
    for i in range(rng.randint(3, 7)):  # people at the meeting
        px = 20 + i * 60 + rng.randint(0, 20)
        d.ellipse([px, 230, px + 22, 252], fill=(240, 200, 160))
        d.rectangle([px - 2, 252, px + 24, 300], fill=(rng.randint(20, 220), rng.randint(20, 220), 200))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80)
    return ContentFile(buf.getvalue(), name=f"demo-{seed}.jpg")


def _photos(district, year, by):
    last_stage = 5 if year.fiscal_year == 2569 else 2
    captions = {
        Stage.PREPARATION: "ประชุมคณะกรรมการ มชช.",
        Stage.RECRUITMENT: "เวทีประชาคมรับสมัครกลุ่มเป้าหมาย",
        Stage.REINFORCEMENT: "ประเมินตนเองและจัดทำแผนพัฒนาตนเอง",
        Stage.SELF_DEVELOPMENT: "ศึกษาดูงานและแลกเปลี่ยนเรียนรู้กับภาคี",
        Stage.EVALUATION: "คณะกรรมการประเมินผลระดับอำเภอ",
    }
    units = list(Unit.objects.filter(district=district, enrolments__year=year).order_by("pk")[:4])
    for stage in Stage:
        if stage.value > last_stage:
            break
        for i in range(2):
            unit = units[(stage.value + i) % len(units)] if units and stage.value >= 2 and i == 1 else None
            caption = f"{captions[stage]} อำเภอ{district.name_th} ({i + 1})"
            if Photo.objects.filter(district=district, year=year, caption=caption).exists():
                continue
            p = Photo(
                district=district,
                year=year,
                stage=stage,
                caption=caption,
                unit=unit,
                uploaded_by=by,
                taken_on=_d(year, [10, 11, 1, 4, 7][stage.value - 1], 10 + i),
                is_public=i == 0,
            )
            p.image.save(
                f"demo-{district.code}-{year.fiscal_year}-{stage.value}-{i}.jpg",
                _jpeg(int(district.code) * 100 + year.fiscal_year % 100 + stage.value * 7 + i),
                save=False,
            )
            p.save()
