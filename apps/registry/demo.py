"""Phitsanulok demo: FY 2569 complete, FY 2570 under way (recruitment closed 20 Nov 2569)."""

import datetime as dt
import random

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment
from apps.geo.models import District, Village, Zone
from apps.geo.services import save_zone

from .enums import Outcome, Stage, TargetType
from .models import Enrolment, ProgrammeYear, Unit
from .services import open_programme_year

ZONES = {
    "โซนที่ 1 (เมือง)": ["6501", "6505", "6506"],
    "โซนที่ 2 (ตอนบน)": ["6502", "6503", "6508"],
    "โซนที่ 3 (ตอนล่าง)": ["6504", "6507", "6509"],
}
VILLAGE_NAMES = ["หนองพิกุล", "ท่าโพธิ์", "วังน้ำคู้", "ดอนทอง", "บึงพระ", "หัวรอ", "สระโคล่", "คลองเรือ",
                 "โป่งแค", "ห้วยเฮี้ย", "บ่อโพธิ์", "นาบัว", "เนินกุ่ม", "ไผ่ขอดอน", "บ้านใหม่", "ทับยายเชียง"]
LEADERS = [("นาย", "บุญมี", "ทองดี"), ("นาง", "สมพร", "แก้วมณี"), ("นาย", "ประยูร", "สุขเจริญ"),
           ("นาง", "จำเนียร", "อินทร์แก้ว"), ("นาย", "สมบัติ", "ศรีวงศ์"), ("นางสาว", "พรทิพย์", "คำมา"),
           ("นาย", "อุดม", "พรหมมา"), ("นาง", "ละเอียด", "บุญเรือง"), ("นาย", "ไพโรจน์", "จันทร์หอม")]
GROUP_KINDS = ["กลุ่มออมทรัพย์เพื่อการผลิต", "กองทุนแม่ของแผ่นดิน", "กพสม.", "ศูนย์เรียนรู้ชุมชน", "กข.คจ."]


def _villages(district, rng):
    subs = list(district.subdistricts.all()[:4])
    out = []
    for i, sub in enumerate(subs):
        for moo in (1, 2):
            v, _ = Village.objects.get_or_create(
                subdistrict=sub, moo=moo,
                defaults={"name": VILLAGE_NAMES[(i * 2 + moo + int(district.code)) % len(VILLAGE_NAMES)],
                          "is_model_village": moo == 1},
            )
            out.append(v)
    return out


def _unit(district, tt, n, village, by):
    sub = village.subdistrict
    if tt == TargetType.LEADER:
        title, first, last = LEADERS[(int(district.code) + n) % len(LEADERS)]
        defaults = dict(title=title, first_name=first, last_name=last, position="ผู้นำ อช." if n % 2 else "อช.",
                        sub_type="อช./ผู้นำ อช.", phone=f"08{int(district.code) % 100:02d}{n:06d}",
                        address=f"{village.moo} หมู่ {village.moo} ต.{sub.name_th}",
                        description="เป็นแกนนำจัดทำแผนชุมชนและส่งเสริมการออมในหมู่บ้าน")
        name = f"{title}{first} {last}"
    elif tt == TargetType.GROUP:
        kind = GROUP_KINDS[(int(district.code) + n) % len(GROUP_KINDS)]
        name = f"{kind}บ้าน{village.name}"
        defaults = dict(sub_type=kind, founded_on=dt.date(2012 + n, 3, 1), members_count=40 + 7 * n,
                        coordinator="นางบุญศรี ใจงาม", description="ระดมเงินออมและให้สมาชิกกู้ยืมเพื่อการผลิต")
    elif tt == TargetType.NETWORK:
        name = f"ศูนย์ประสานงานองค์การชุมชนตำบล{sub.name_th}"
        defaults = dict(sub_type="ศอช.ต.", founded_on=dt.date(2010, 6, 1), members_count=12 + n,
                        coordinator="นายสมศักดิ์ รักถิ่น", description="ประสานองค์กรชุมชนในตำบลจัดทำแผนพัฒนาตำบล")
    else:
        name = f"บ้าน{village.name} หมู่ที่ {village.moo} ต.{sub.name_th}"
        defaults = dict(sub_type="หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ", households=80 + 11 * n,
                        coordinator="นายผู้ใหญ่บ้าน", description="หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ ลดรายจ่าย เพิ่มรายได้")
    unit, _ = Unit.objects.get_or_create(
        district=district, target_type=tt, name=name,
        defaults={**defaults, "subdistrict": sub, "village": village, "created_by": by,
                  "consent_given_by": name if tt == TargetType.LEADER else defaults.get("coordinator", "")},
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
    RoleAssignment.objects.get_or_create(user=users["zone1"], role=Role.ZONE_MEMBER, zone=zone1, fiscal_year=2570)

    rng = random.Random(65)
    mentors = {"6501": users["district6501"], "6502": users["district6502"]}
    ctx.units = []
    for district in District.objects.filter(province=province):
        villages = _villages(district, rng)
        mentor = mentors.get(district.code)
        for ti, tt in enumerate(TargetType):
            for n in range(3):
                village = villages[(ti + n) % len(villages)]
                unit = _unit(district, tt, n, village, by)
                ctx.units.append(unit)
                # n = 0, 1: enrolled in 2569 (0 certified; 1 certified unless it is the network → not passed)
                # n = 2: new in 2570
                if n < 2:
                    outcome = Outcome.CERTIFIED if (n == 0 or tt != TargetType.NETWORK) else Outcome.NOT_PASSED
                    if n == 1 and tt == TargetType.COMMUNITY and district.code in ("6502", "6507"):
                        outcome = Outcome.NOT_PASSED
                    e69, _ = Enrolment.objects.get_or_create(
                        unit=unit, year=y69,
                        defaults={"stage": Stage.EVALUATION, "outcome": outcome, "mentor": mentor,
                                  "enrolled_on": dt.date(2025, 11, 5), "created_by": by},
                    )
                    if e69.outcome == Outcome.NOT_PASSED:
                        Enrolment.objects.get_or_create(
                            unit=unit, year=y70,
                            defaults={"stage": Stage.REINFORCEMENT, "carried_over": True, "previous": e69,
                                      "mentor": mentor, "enrolled_on": dt.date(2026, 11, 3), "created_by": by},
                        )
                else:
                    Enrolment.objects.get_or_create(
                        unit=unit, year=y70,
                        defaults={"stage": Stage.RECRUITMENT if rng.random() < 0.5 else Stage.REINFORCEMENT,
                                  "mentor": mentor, "enrolled_on": dt.date(2026, 11, 10 + (ti % 5)),
                                  "created_by": by},
                    )
