"""Demo: a second, smaller province (issue 20 item 4) — Sukhothai (64), its 9 districts, FY 2569 only, with its
own provincial staff account (sukhothai@example.org) and a few certified units with published profiles, so that
every page shows two provinces apart and the public directory lists Sukhothai's units under their own province;
some of them passed before the system as well (historic certificates, verified as "ออกก่อนใช้ระบบ").

Runs after the Phitsanulok steps (apps/workspace/management/commands/seed_demo.py); idempotent. Everyone named
is invented (apps.core.demo_people)."""

import datetime as dt

from django.utils import timezone

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment, User
from apps.certification.models import CertificateSettings, HistoricCertificate, new_public_code
from apps.certification.services import issue_certificate
from apps.core import demo_people
from apps.geo.models import District, Province, Village
from apps.geo.services import save_zone
from apps.public.enums import ProfileStatus
from apps.public.models import OfficeContact, PublicProfile
from apps.registry.enums import Outcome, Stage, TargetType
from apps.registry.models import Enrolment, ProgrammeYear, Unit
from apps.registry.services import open_programme_year

PASSWORD = "mchch-demo-2570"
EMAIL = "sukhothai@example.org"
CODE = "64"
FY = 2569
ZONES = {
    "โซนที่ 1 (เมืองเก่า)": ["6401", "6402", "6403", "6404"],
    "โซนที่ 2 (ลุ่มน้ำยม)": ["6405", "6406", "6407", "6408", "6409"],
}
# Invented village names (the demo's own; not Phitsanulok's list, so no unit name repeats across provinces).
VILLAGES = ["ทุ่งหลวง", "วังทองแดง", "หนองกระดิ่ง", "ป่าแฝก", "บ่อแก้ว", "คลองมะพลับ", "เมืองบางขลัง", "ท่าทอง", "ดงเดือย"]
GROUPS = ["กลุ่มทอผ้าซิ่นตีนจก", "กลุ่มเครื่องสังคโลก", "กลุ่มออมทรัพย์เพื่อการผลิต"]
CERTIFIED_ON = dt.date(2026, 9, 10)  # the provincial committee's meeting
SIGNER = demo_people.full_name(61, "นาย")
TEXTS = {
    TargetType.GROUP: (
        "{name} รวมสมาชิก {members} คน สืบสานภูมิปัญญาท้องถิ่นเป็นอาชีพ มีระเบียบกลุ่มและบัญชีที่ตรวจสอบได้",
        "สมาชิกมีรายได้เสริมสม่ำเสมอทุกเดือน\nจัดสรรกำไรเป็นสวัสดิการสมาชิก\nเป็นแหล่งเรียนรู้ของตำบล",
        "ประชุมสมาชิกทุกเดือน\nถ่ายทอดความรู้ให้เยาวชนในหมู่บ้าน",
    ),
    TargetType.COMMUNITY: (
        "{name} เป็นหมู่บ้านเศรษฐกิจพอเพียงต้นแบบ {households} ครัวเรือน ลดรายจ่าย เพิ่มรายได้ และเอื้ออารีต่อกัน",
        "ครัวเรือนทำบัญชีรับจ่ายร้อยละ 85\nมีกองทุนสวัสดิการของหมู่บ้าน",
        "แบ่งคุ้มบ้านดูแลกันเอง\nเวทีประชาคมทบทวนแผนชุมชนทุกปี",
    ),
    TargetType.NETWORK: (
        "{name} ประสานองค์กรชุมชน {members} องค์กรในตำบล จัดทำแผนพัฒนาตำบลร่วมกับท้องถิ่น",
        "แผนพัฒนาตำบลบรรจุในแผนของ อปท.\nจัดเวทีแลกเปลี่ยนเรียนรู้ทุกไตรมาส",
        "ประชุมเครือข่ายทุกสองเดือน\nมีฐานข้อมูลองค์กรชุมชนของตำบล",
    ),
}


def _staff():
    title, first, last = demo_people.person(52, "นาง")
    user, _ = User.objects.update_or_create(
        email=EMAIL,
        defaults={
            "title": title,
            "first_name": first,
            "last_name": last,
            "position": "นักวิชาการพัฒนาชุมชนชำนาญการ สำนักงานพัฒนาชุมชนจังหวัดสุโขทัย",
            "is_active": True,
        },
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def _unit(district, i, by):
    sub = district.subdistricts.order_by("code").first()
    village, _ = Village.objects.get_or_create(
        subdistrict=sub, moo=3 + i % 5, defaults={"name": VILLAGES[i % len(VILLAGES)]}
    )
    tt = [TargetType.GROUP, TargetType.COMMUNITY, TargetType.NETWORK][i % 3]
    if tt == TargetType.GROUP:
        kind = GROUPS[i % len(GROUPS)]
        name, extra = f"{kind}บ้าน{village.name}", {"sub_type": kind, "members_count": 25 + 3 * i}
    elif tt == TargetType.COMMUNITY:
        name = f"บ้าน{village.name} หมู่ที่ {village.moo} ต.{sub.name_th}"
        extra = {"sub_type": "หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ", "households": 90 + 7 * i}
    else:
        name = f"ศูนย์ประสานงานองค์การชุมชนตำบล{sub.name_th}"
        extra = {"sub_type": "ศอช.ต.", "members_count": 10 + i}
    coordinator = demo_people.full_name(70 + i)
    unit, _ = Unit.objects.get_or_create(
        district=district,
        target_type=tt,
        name=name,
        defaults={
            **extra,
            "subdistrict": sub,
            "village": village,
            "founded_on": dt.date(2011 + i % 6, 6, 1),
            "coordinator": coordinator,
            "description": "ดำเนินงานตามแนวทาง มชช. ของจังหวัดสุโขทัย (ข้อมูลสาธิต)",
            "created_by": by,
            "consent_given_by": coordinator,
            "consent_at": dt.datetime(2025, 10, 22, 10, 0, tzinfo=dt.UTC),
            "consent_recorded_by": by,
        },
    )
    return unit


def seed(ctx):
    province = Province.objects.get(code=CODE)
    staff = _staff()
    RoleAssignment.objects.get_or_create(user=staff, role=Role.PROVINCE_STAFF, province=province)
    ctx.users["sukhothai"] = staff
    year = ProgrammeYear.objects.filter(province=province, fiscal_year=FY).first()
    if year is None:
        year = open_programme_year(province, FY, by=staff)
        for name, codes in ZONES.items():
            save_zone(province, FY, name, codes, by=staff)
    CertificateSettings.objects.get_or_create(
        year=year,
        defaults={
            "issuer": "สำนักงานพัฒนาชุมชนจังหวัดสุโขทัย",
            "signer_name": SIGNER,
            "signer_title": "ประธานคณะกรรมการ มชช. จังหวัดสุโขทัย",
        },
    )
    now = timezone.now()
    for i, district in enumerate(District.objects.filter(province=province).order_by("code")):
        OfficeContact.objects.get_or_create(
            district=district,
            defaults={
                "name": f"สำนักงานพัฒนาชุมชนอำเภอ{district.name_th}",
                "address": f"ที่ว่าการอำเภอ{district.name_th} จังหวัดสุโขทัย",
                "email": f"cd{district.code}@example.org",
            },
        )
        unit = _unit(district, i, staff)
        # FY 2569 is complete: two units in three passed the provincial committee, the others did not.
        certified = i % 3 != 2
        enrolment, _ = Enrolment.objects.get_or_create(
            unit=unit,
            year=year,
            defaults={
                "stage": Stage.EVALUATION,
                "outcome": Outcome.CERTIFIED if certified else Outcome.NOT_PASSED,
                "enrolled_on": dt.date(2025, 11, 7),
                "created_by": staff,
            },
        )
        if enrolment.outcome != Outcome.CERTIFIED:
            continue
        issue_certificate(enrolment, by=staff, certified_on=CERTIFIED_ON)
        if i < 4:  # passed before the system too: the province's old register (issue 20 item 5)
            fy = 2552 + 2 * i
            HistoricCertificate.objects.get_or_create(
                province=province,
                number=f"สท.มชช. {i + 1}/{fy}",
                defaults={
                    "unit": unit,
                    "fiscal_year": fy,
                    "valid_until": dt.date(fy - 543 + 3, 9, 30),
                    "code": new_public_code(),
                    "imported_by": staff,
                },
            )
        summary, results, practices = (
            t.format(name=unit.name, members=unit.members_count or 20, households=unit.households or 90)
            for t in TEXTS[unit.target_type]
        )
        PublicProfile.objects.get_or_create(
            unit=unit,
            defaults={
                "summary": summary,
                "results": results,
                "practices": practices,
                "pub_summary": summary,
                "pub_results": results,
                "pub_practices": practices,
                "status": ProfileStatus.PUBLISHED,
                "updated_by": staff,
                "published_at": now,
                "published_by": staff,
            },
        )
