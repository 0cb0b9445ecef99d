"""Evaluation demo: FY 2569 complete (committees, district/zone/provincial rounds, submitted scorecards and
decisions matching the registry outcomes), FY 2570 committees and rounds scheduled with scorecards pending.
Idempotent: every row is found or created; the FY 2569 history is written once."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from apps.accounts.models import Person, User
from apps.core.demo_people import full_name as demo_full_name
from apps.core.demo_people import person as demo_person
from apps.core.demo_people import phone as demo_phone
from apps.development import demo as development_demo
from apps.development.models import Component, Indicator, StandardSet
from apps.geo.models import District, Zone
from apps.registry.enums import EvaluationLevel, Outcome, TargetType
from apps.registry.models import Enrolment

from . import scoring
from .enums import CommitteeRole, Decision, PresentationMode, ScorecardStatus
from .models import (
    Attendance,
    Committee,
    CommitteeMember,
    Meeting,
    Resolution,
    Round,
    RoundEntry,
    Score,
    Scorecard,
)
from .services import _ensure_role, save_seat_scorecard

# A clearly labelled demo catalogue (DESIGN §2: the official indicator texts were not found).
DEMO_COMPONENTS = [
    (
        "ด้านการบริหารจัดการ",
        [
            ("มีโครงสร้างและคณะกรรมการบริหารที่ชัดเจน", "score", 5, 20, True),
            ("มีการประชุมและบันทึกการประชุมสม่ำเสมอ", "score", 5, 20, False),
            ("มีระบบบัญชีที่โปร่งใส ตรวจสอบได้", "pass_fail", 1, 10, True),
        ],
    ),
    (
        "ด้านการพัฒนาตนเองและผลลัพธ์",
        [
            ("มีแผนพัฒนาตนเองและดำเนินการตามแผน", "score", 5, 20, False),
            ("มีผลงานเป็นที่ยอมรับของชุมชน", "score", 5, 15, False),
            ("ถ่ายทอดความรู้และเป็นแบบอย่างแก่ผู้อื่น", "score", 5, 15, False),
        ],
    ),
]

OUTSIDERS = [
    # email, title, first, last, position: invented people (apps.core.demo_people)
    ("zc1@example.org", *demo_person(29, "นาย"), "พัฒนาการอำเภอบางระกำ"),
    ("zc2@example.org", *demo_person(21, "นาง"), "พัฒนาการอำเภอวัดโบสถ์"),
    ("zc3@example.org", *demo_person(32, "นาย"), "พัฒนาการอำเภอวังทอง"),
    ("partner1@example.org", *demo_person(12, "นาย"), "ผู้จัดการ ธ.ก.ส. สาขาพิษณุโลก"),
    ("partner2@example.org", *demo_person(15, "นางสาว"), "ประธานกลุ่มออมทรัพย์ ผู้ผ่าน มชช. ปี 2567"),
    ("amphoe6501@example.org", *demo_person(36, "นาย"), "นายอำเภอเมืองพิษณุโลก"),
]


def _demo_standards(year, target_type):
    if StandardSet.objects.filter(year=year, target_type=target_type, is_published=True).exists():
        return
    sset, created = StandardSet.objects.get_or_create(
        year=year,
        target_type=target_type,
        version=1,
        defaults={
            "title": f"ชุดตัวชี้วัดตัวอย่าง ({TargetType(target_type).label}) — ไม่ใช่ตัวชี้วัดทางการ",
            "is_demo": True,
            "min_percent": Decimal("60"),
        },
    )
    if not created:
        return
    for ci, (cname, inds) in enumerate(DEMO_COMPONENTS, 1):
        comp = Component.objects.create(standard_set=sset, order=ci, name=cname)
        for ii, (text, scale, mx, weight, mandatory) in enumerate(inds, 1):
            Indicator.objects.create(
                component=comp,
                order=ii,
                code=f"{ci}.{ii}",
                text=text,
                scale=scale,
                max_score=mx,
                weight=Decimal(weight),
                mandatory=mandatory,
                evidence_hint="บันทึกการประชุม ภาพถ่าย เอกสารโครงการ",
            )


def _outsiders():
    out = {}
    for email, title, first, last, position in OUTSIDERS:
        u, created = User.objects.get_or_create(
            email=email,
            defaults={"title": title, "first_name": first, "last_name": last, "position": position},
        )
        if created:
            u.set_unusable_password()  # invited members set their own password from the e-mail link
            u.save(update_fields=["password"])
        out[email.split("@")[0]] = u
    return out


def _person(province, user, organisation, home):
    """The person record of a demo account (its invented name), found or made."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            province=province,
            user=user,
            title=user.title,
            first_name=user.first_name,
            last_name=user.last_name,
            position=user.position,
            organisation=organisation,
            email=user.email,
            home_district_id=home,
        )
    return person


def _committee(year, level, name, by, district=None, zone=None, seats=()):
    """seats: (user or Person, role, organisation, home district code); a Person is a member without account."""
    c, _ = Committee.objects.get_or_create(
        year=year, level=level, district=district, zone=zone, defaults={"name": name}
    )
    for i, (who, role, affiliation, home) in enumerate(seats):
        person = who if isinstance(who, Person) else _person(year.province, who, affiliation, home)
        _s, created = CommitteeMember.objects.get_or_create(
            committee=c,
            person=person,
            defaults={"role": role, "order": i + 1, "user": person.user},
        )
        if created and person.user_id:
            _ensure_role(person.user, c, role, by)
    return c


def _kamnan(province):
    """A member without an account: a kamnan of Wat Bot on zone 1's working group, who scores on paper."""
    title, first, last = demo_person(41, "นาย")
    person, _ = Person.objects.get_or_create(
        province=province,
        first_name=first,
        last_name=last,
        user=None,
        defaults={
            "title": title,
            "position": "กำนัน (ตัวอย่างสาธิต)",
            "organisation": "ผู้นำท้องที่ อำเภอวัดโบสถ์",
            "phone": demo_phone(41),
            "home_district_id": "6507",
        },
    )
    return person


def _round(committee, title, starts, place, by, online="", days=1):
    r, _ = Round.objects.get_or_create(
        committee=committee,
        title=title,
        defaults={
            "starts_on": starts,
            "ends_on": starts + dt.timedelta(days=days - 1),
            "place": place,
            "online_url": online,
            "slot_minutes": 20,
            "first_slot": dt.time(9, 0),
            "created_by": by,
        },
    )
    return r


def _entry(rnd, enrolment, order, by):
    # The provincial committee considers the results; only the lower levels hear presentations.
    start = dt.datetime.combine(rnd.starts_on, rnd.first_slot or dt.time(9, 0)) + dt.timedelta(
        minutes=20 * (order - 1)
    )
    presented = rnd.committee.level != EvaluationLevel.COMMITTEE
    e, _ = RoundEntry.objects.get_or_create(
        round=rnd,
        enrolment=enrolment,
        defaults={
            "order": order,
            "slot_start": start.time() if presented else None,
            "slot_minutes": 20 if presented else None,
            "added_by": by,
            "mode": PresentationMode.ONLINE if order % 5 == 0 else PresentationMode.IN_PERSON,
        },
    )
    return e


def _values(entry, level_of, salt):
    inds = scoring.indicators_of(scoring.standard_set_for(entry.enrolment))
    values = {}
    for i, ind in enumerate(inds):
        mx = scoring.max_of(ind)
        if ind.scale == Indicator.Scale.PASS_FAIL:
            values[ind.pk] = Decimal(1) if level_of >= 0.55 else Decimal(0)
        else:
            raw = Decimal(str(round(float(mx) * level_of + ((salt + i) % 3 - 1) * 0.5)))
            values[ind.pk] = max(Decimal(0), min(mx, raw))
    return values


def _score(entry, member, level_of, submitted=True):
    """A scorecard at about `level_of` (0–1) of the maximum, varied a little per member."""
    seat = CommitteeMember.objects.get(committee_id=entry.round.committee_id, user=member)
    if Scorecard.objects.filter(entry=entry, seat=seat).exists():
        return
    sset = scoring.standard_set_for(entry.enrolment)
    inds = scoring.indicators_of(sset)
    values = _values(entry, level_of, member.pk)
    card = Scorecard.objects.create(
        entry=entry,
        seat=seat,
        member=member,
        standard_set=sset,
        percent=scoring.percent(inds, values),
        status=ScorecardStatus.SUBMITTED if submitted else ScorecardStatus.DRAFT,
        submitted_at=timezone.now() if submitted else None,
        comment="เอกสารหลักฐานครบถ้วน นำเสนอชัดเจน" if level_of >= 0.6 else "ควรพัฒนาระบบบัญชีและการจัดเก็บหลักฐาน",
    )
    Score.objects.bulk_create([Score(scorecard=card, indicator=ind, value=values[ind.pk]) for ind in inds])


def _decide(entry, decision, by, reason=""):
    if entry.decision:
        return
    cards = list(entry.scorecards.filter(status=ScorecardStatus.SUBMITTED).values_list("percent", flat=True))
    mean, median = scoring.summary(cards)
    entry.decision, entry.decision_reason, entry.decided_by = decision, reason, by
    entry.decided_at, entry.mean_percent, entry.median_percent = timezone.now(), mean, median
    entry.version += 1
    entry.save()


def _seed_2569(ctx, y, users, out):
    by = users["province"]
    officers = {"6501": users["district6501"], "6502": users["district6502"]}
    enrolments = list(
        Enrolment.objects.filter(year=y).select_related("unit").order_by("unit__district_id", "pk")
    )
    # district committees and rounds (July 2569); 6501's members score, elsewhere the district officer records
    # the committee's result on its behalf (DESIGN §7).
    district_pass = []
    for d in District.objects.filter(province=y.province):
        seats = []
        if d.code == "6501":
            seats = [
                (out["amphoe6501"], CommitteeRole.CHAIR, "นายอำเภอ", "6501"),
                (users["staff6501b"], CommitteeRole.MEMBER, "สำนักงานพัฒนาชุมชนอำเภอ", None),
                (users["district6501"], CommitteeRole.SECRETARY, "พัฒนาการอำเภอ", None),
            ]
        elif d.code in officers:
            seats = [(officers[d.code], CommitteeRole.SECRETARY, "พัฒนาการอำเภอ", None)]
        c = _committee(y, EvaluationLevel.DISTRICT, f"คณะกรรมการ มชช. {d.label}", by, district=d, seats=seats)
        rnd = _round(
            c,
            f"ประเมินระดับอำเภอ{d.name_th} ปี 2569",
            dt.date(2026, 7, 6 + int(d.code[2:]) % 9),
            f"ห้องประชุมที่ว่าการ{d.label}",
            by,
        )
        for i, e in enumerate([e for e in enrolments if e.unit.district_id == d.code], 1):
            entry = _entry(rnd, e, i, by)
            if d.code == "6501":
                _score(entry, users["staff6501b"], 0.8)
                _score(entry, out["amphoe6501"], 0.75)
            _decide(
                entry,
                Decision.PASS,
                officers.get(d.code, by),
                "" if d.code == "6501" else "บันทึกผลตามมติคณะกรรมการ มชช. อำเภอ",
            )
            district_pass.append(entry)
    # zone working groups (August 2569, with presentations)
    passed_zone = []
    for k, zone in enumerate(Zone.objects.filter(province=y.province, fiscal_year=2569).order_by("name"), 1):
        seats = [
            (out[f"zc{k}"], CommitteeRole.CHAIR, "สำนักงานพัฒนาชุมชนจังหวัด", None),
            (out["partner1"], CommitteeRole.MEMBER, "ภาคีการพัฒนา", None),
            (by, CommitteeRole.SECRETARY, "สำนักงานพัฒนาชุมชนจังหวัด", None),
        ]
        if k == 1:
            seats.insert(1, (users["zone1"], CommitteeRole.MEMBER, "พัฒนาการอำเภอ", "6507"))
        c = _committee(y, EvaluationLevel.ZONE, f"คณะทำงานระดับ{zone.name}", by, zone=zone, seats=seats)
        rnd = _round(
            c,
            f"ประเมินและนำเสนอผลงาน{zone.name} ปี 2569",
            dt.date(2026, 8, 3 + 2 * k),
            "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก",
            by,
            online="https://meet.example.org/mchch-zone",
        )
        districts = set(zone.memberships.values_list("district_id", flat=True))
        for i, de in enumerate([x for x in district_pass if x.enrolment.unit.district_id in districts], 1):
            e = de.enrolment
            entry = _entry(rnd, e, i, by)
            good = e.outcome == Outcome.CERTIFIED
            for member in [s[0] for s in seats]:
                _score(entry, member, 0.82 if good else 0.45)
            _decide(entry, Decision.PASS if good else Decision.NOT_PASS, out[f"zc{k}"])
            if good:
                passed_zone.append(entry)
    # the provincial committee certifies (September 2569)
    c = _committee(
        y,
        EvaluationLevel.COMMITTEE,
        "คณะกรรมการ มชช. จังหวัดพิษณุโลก",
        by,
        seats=[
            (users["chair"], CommitteeRole.CHAIR, "พัฒนาการจังหวัดพิษณุโลก", None),
            (out["partner2"], CommitteeRole.MEMBER, "ผู้ผ่าน มชช.", None),
            (out["partner1"], CommitteeRole.MEMBER, "ภาคีการพัฒนา", None),
            (by, CommitteeRole.SECRETARY, "สำนักงานพัฒนาชุมชนจังหวัด", None),
        ],
    )
    rnd = _round(
        c, "คณะกรรมการ มชช. จังหวัด พิจารณารับรอง ปี 2569", dt.date(2026, 9, 10), "ห้องประชุมศาลากลางจังหวัดพิษณุโลก", by
    )
    for i, ze in enumerate(passed_zone, 1):
        entry = _entry(rnd, ze.enrolment, i, by)
        for member in (users["chair"], out["partner2"], out["partner1"], by):
            _score(entry, member, 0.85)
        _decide(entry, Decision.PASS, users["chair"])


def _seed_2570(ctx, y, users, out):
    by = users["province"]
    d6501 = District.objects.get(code="6501")
    dc = _committee(
        y,
        EvaluationLevel.DISTRICT,
        "คณะกรรมการ มชช. อำเภอเมืองพิษณุโลก",
        by,
        district=d6501,
        seats=[
            (out["amphoe6501"], CommitteeRole.CHAIR, "นายอำเภอ", "6501"),
            (users["staff6501b"], CommitteeRole.MEMBER, "สำนักงานพัฒนาชุมชนอำเภอ", None),
            (users["district6501"], CommitteeRole.SECRETARY, "พัฒนาการอำเภอ", None),
        ],
    )
    _committee(
        y,
        EvaluationLevel.DISTRICT,
        "คณะกรรมการ มชช. อำเภอนครไทย",
        by,
        district=District.objects.get(code="6502"),
        seats=[(users["district6502"], CommitteeRole.SECRETARY, "พัฒนาการอำเภอ", None)],
    )
    d_round = _round(
        dc, "ประเมินระดับอำเภอเมืองพิษณุโลก ปี 2570", dt.date(2027, 7, 8), "ห้องประชุมที่ว่าการอำเภอเมืองพิษณุโลก", by
    )
    zone_rounds = {}
    for k, zone in enumerate(Zone.objects.filter(province=y.province, fiscal_year=2570).order_by("name"), 1):
        seats = [
            (out[f"zc{k}"], CommitteeRole.CHAIR, "สำนักงานพัฒนาชุมชนจังหวัด", None),
            (out["partner1"], CommitteeRole.MEMBER, "ภาคีการพัฒนา", None),
            (by, CommitteeRole.SECRETARY, "สำนักงานพัฒนาชุมชนจังหวัด", None),
        ]
        if zone.pk == ctx.zone1.pk:
            seats.insert(1, (users["zone1"], CommitteeRole.MEMBER, "พัฒนาการอำเภอพรหมพิราม", "6507"))
            seats.insert(2, (_kamnan(y.province), CommitteeRole.MEMBER, "ผู้นำท้องที่", "6507"))
        c = _committee(y, EvaluationLevel.ZONE, f"คณะทำงานระดับ{zone.name}", by, zone=zone, seats=seats)
        zone_rounds[zone.pk] = _round(
            c,
            f"ประเมินและนำเสนอผลงาน{zone.name} ปี 2570",
            dt.date(2027, 8, 2 + 2 * k),
            "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก",
            by,
            online="https://meet.example.org/mchch-zone",
        )
    sc = _committee(
        y,
        EvaluationLevel.SUBCOMMITTEE,
        "คณะอนุกรรมการประเมิน มชช. จังหวัดพิษณุโลก",
        by,
        seats=[
            (users["subcommittee"], CommitteeRole.CHAIR, "สำนักงานพัฒนาชุมชนจังหวัด", None),
            (out["partner2"], CommitteeRole.MEMBER, "ผู้ผ่าน มชช.", None),
            (by, CommitteeRole.SECRETARY, "สำนักงานพัฒนาชุมชนจังหวัด", None),
        ],
    )
    _round(sc, "อนุกรรมการประเมินระดับจังหวัด ปี 2570", dt.date(2027, 8, 24), "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัด", by)
    cc = _committee(
        y,
        EvaluationLevel.COMMITTEE,
        "คณะกรรมการ มชช. จังหวัดพิษณุโลก",
        by,
        seats=[
            (users["chair"], CommitteeRole.CHAIR, "พัฒนาการจังหวัดพิษณุโลก", None),
            (out["partner1"], CommitteeRole.MEMBER, "ภาคีการพัฒนา", None),
            (by, CommitteeRole.SECRETARY, "สำนักงานพัฒนาชุมชนจังหวัด", None),
        ],
    )
    _round(
        cc, "คณะกรรมการ มชช. จังหวัด พิจารณารับรอง ปี 2570", dt.date(2027, 9, 9), "ห้องประชุมศาลากลางจังหวัดพิษณุโลก", by
    )
    # Two units of 6501 asked to be evaluated early, so that the whole chain can be walked through: assessed,
    # plan submitted and evaluation asked for through the services (guideline 2.5); one passed the district
    # round and waits in zone 1 for zone1's scorecard; the other waits in the district round.
    early = list(
        Enrolment.objects.filter(year=y, unit__district_id="6501", outcome=Outcome.IN_PROGRESS).order_by(
            "-carried_over", "pk"
        )[:2]
    )
    early = [development_demo.ready_for_evaluation(e, users["district6501"]) for e in early]
    if early:
        first = _entry(d_round, early[0], 1, by)
        _score(first, users["staff6501b"], 0.8)
        _score(first, out["amphoe6501"], 0.78)
        _decide(first, Decision.PASS, users["district6501"])
        z = _entry(zone_rounds[ctx.zone1.pk], early[0], 1, by)
        _score(z, out["partner1"], 0.8)
        _score(z, users["zone1"], 0.7, submitted=False)  # a draft: zone1's scorecard is pending
        # the kamnan has no account: he filled in and signed his paper sheet, the secretary typed it in
        kamnan = CommitteeMember.objects.get(committee_id=z.round.committee_id, person=_kamnan(y.province))
        if not Scorecard.objects.filter(entry=z, seat=kamnan).exists():
            save_seat_scorecard(
                z,
                kamnan,
                values=_values(z, 0.76, kamnan.pk),
                comment="นำเสนอชัดเจน มีหลักฐานการออมครบถ้วน (บันทึกจากใบให้คะแนนที่ลงนามแล้ว)",
                submit=True,
                by=by,
                recorded_by=by,
            )
    if len(early) > 1:
        second = _entry(d_round, early[1], 2, by)
        _score(second, out["amphoe6501"], 0.7)


EXEMPLAR_REASONS = [
    "ผ่านการรับรองทุกระดับ มีผลการพัฒนาโดดเด่นด้านการออมและการจัดทำบัญชี เป็นแหล่งเรียนรู้ให้กลุ่มอื่นในอำเภอ",
    "ขยายผลการเรียนรู้สู่หมู่บ้านข้างเคียง และได้รับการสนับสนุนจากภาคีการพัฒนาต่อเนื่อง",
    "แกนนำเข้มแข็ง ใช้แผนพัฒนาตนเองครบทุกกิจกรรม เหมาะเป็นต้นแบบในการติดตามและประชาสัมพันธ์",
]

# (story, lessons, partners) the district writes before the deck is built; invented, with no personal data.
EXEMPLAR_SUMMARIES = [
    (
        "เริ่มจากแกนนำไม่กี่คนที่ชวนเพื่อนบ้านในอำเภอ%(d)sมาออมเงินเดือนละเล็กละน้อย จัดทำบัญชีที่ทุกคนตรวจสอบได้ "
        "วันนี้เป็นแหล่งทุนหมุนเวียนของหมู่บ้านและเป็นที่ศึกษาดูงานของกลุ่มอื่น",
        "ความโปร่งใสของบัญชีสร้างความเชื่อใจ\nประชุมสมาชิกทุกเดือนและแจ้งผลการดำเนินงานทุกครั้ง\n"
        "แบ่งบทบาทกรรมการชัดเจน มีผู้สืบทอดงาน",
        "องค์การบริหารส่วนตำบล\nสำนักงานตรวจบัญชีสหกรณ์",
    ),
    (
        "ผู้นำใช้แผนชุมชนเป็นเครื่องมือ ชวนครัวเรือนในอำเภอ%(d)sปลูกผักปลอดสารและแปรรูปผลผลิต "
        "ขยายผลจากหมู่บ้านเดียวสู่หมู่บ้านข้างเคียง",
        "เริ่มจากสิ่งที่ชุมชนมีอยู่แล้ว\nให้สมาชิกเห็นผลเร็วจากกิจกรรมเล็ก ๆ\nบันทึกและถ่ายทอดความรู้ทุกขั้นตอน",
        "สำนักงานเกษตรอำเภอ\nโรงเรียนในตำบล",
    ),
    (
        "เครือข่ายรวมกลุ่มอาชีพในอำเภอ%(d)sเข้าด้วยกัน แลกเปลี่ยนวัตถุดิบและตลาด จัดเวทีเรียนรู้ทุกไตรมาสและมีระบบพี่เลี้ยงให้กลุ่มใหม่",
        "การเรียนรู้ร่วมกันทำให้กลุ่มเล็กเข้มแข็ง\nตลาดร่วมลดต้นทุนของทุกกลุ่ม\nภาคีสนับสนุนต่อเนื่องเมื่อเห็นผลงาน",
        "สำนักงานพาณิชย์จังหวัด\nมหาวิทยาลัยในจังหวัด",
    ),
]


def _exemplars(y, users):
    """Guideline 2.8: each district picks one unit that passed, for the provincial committee in August; 6501's
    PowerPoint, built from the unit's data and photos, is attached before the August report is sent."""
    from django.core.files.base import ContentFile

    from apps.core.generated import PPTX, Built, record
    from apps.geo.models import District

    from .builders import EXEMPLAR_KIND
    from .exemplars import nominate, upload_presentation, write_summary
    from .models import Exemplar
    from .slides import build

    for i, d in enumerate(District.objects.filter(province=y.province).order_by("code")):
        if Exemplar.objects.filter(year=y, district=d).exists():
            continue
        e = (
            Enrolment.objects.filter(year=y, unit__district=d, outcome=Outcome.CERTIFIED)
            .select_related("unit")
            .order_by("pk")
            .first()
        )
        if e is None:
            continue
        by = (
            users["district6501"]
            if d.code == "6501"
            else users["district6502"]
            if d.code == "6502"
            else users["province"]
        )
        ex = nominate(y, d, e, by=by, reason=EXEMPLAR_REASONS[i % len(EXEMPLAR_REASONS)])
        story, lessons, partners = EXEMPLAR_SUMMARIES[i % len(EXEMPLAR_SUMMARIES)]
        write_summary(ex, story=story % {"d": d.name_th}, lessons=lessons, partners=partners, by=by)
        built = Built(build(ex), f"exemplar-{d.code}-{y.fiscal_year}.pptx", PPTX)
        if d.code == "6501":  # the district that edited the built deck by hand and uploaded it back
            upload_presentation(ex, ContentFile(built.content, name=built.name), by=by)
        title = f"ต้นแบบอำเภอ{d.name_th} ปี {y.fiscal_year}"
        ex.generated = record(ex, kind=EXEMPLAR_KIND, title=title, by=by, built=built)
        ex.save(update_fields=["generated"])


MINUTES = (
    "เริ่มประชุมเวลา {start} น.\n"
    "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ: ประธานแจ้งแนวทางการประเมินตามคู่มือ มชช. จังหวัดพิษณุโลก\n"
    "ระเบียบวาระที่ 2 เรื่องเพื่อพิจารณา: ฝ่ายเลขานุการนำเสนอผลคะแนนของหน่วยนับ {n} หน่วยนับ "
    "ที่ประชุมพิจารณาแล้วมีมติผ่าน {passed} หน่วยนับ ไม่ผ่าน {failed} หน่วยนับ ตามบัญชีแนบท้าย\n"
    "ระเบียบวาระที่ 3 เรื่องอื่น ๆ: ไม่มี\n"
    "เลิกประชุมเวลา 12.00 น."
)


def _meeting(rnd, by, *, held_on, number=1, resolve=True, approve_on=None, leave=None):
    """Meeting no. 1 of a round with everyone present (but `leave`, on leave with a substitute), a resolution on
    every decided unit (the source of its decision), the minutes and their approval by circulation."""
    meeting, created = Meeting.objects.get_or_create(
        round=rnd,
        number=number,
        defaults={
            "held_on": held_on,
            "starts_at": dt.time(9, 0),
            "place": rnd.place,
            "online_url": rnd.online_url,
            "extra_agenda": "รับรองรายงานการประชุมครั้งก่อน\nกำหนดการประชุมครั้งถัดไป",
            "attachments": "บัญชีรายชื่อหน่วยนับและผลคะแนน\nคู่มือการประเมิน มชช. จังหวัดพิษณุโลก",
            "created_by": by,
        },
    )
    if not created:
        return meeting
    seats = list(CommitteeMember.objects.filter(committee_id=rnd.committee_id).select_related("user"))
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=meeting,
                seat=s,
                status=Attendance.Status.LEAVE
                if s.user_id == getattr(leave, "pk", None)
                else Attendance.Status.PRESENT,
                substitute=f"{demo_full_name(44, 'นางสาว')} นักวิชาการพัฒนาชุมชนชำนาญการ (มาแทน)"
                if s.user_id == getattr(leave, "pk", None)
                else "",
            )
            for s in seats
        ]
    )
    if not resolve:
        return meeting
    present = sum(1 for s in seats if s.user_id != getattr(leave, "pk", None))
    entries = list(RoundEntry.objects.filter(round=rnd).exclude(decision="").order_by("order"))
    Resolution.objects.bulk_create(
        [
            Resolution(
                meeting=meeting,
                entry=e,
                outcome=Resolution.Outcome.PASS
                if e.decision == Decision.PASS
                else Resolution.Outcome.NOT_PASS,
                reason=e.decision_reason,
                present=present,
                members=len(seats),
                recorded_by=by,
            )
            for e in entries
        ]
    )
    RoundEntry.objects.filter(pk__in=[e.pk for e in entries]).update(decided_in=meeting)
    passed = sum(1 for e in entries if e.decision == Decision.PASS)
    meeting.minutes = MINUTES.format(
        start="09.00", n=len(entries), passed=passed, failed=len(entries) - passed
    )
    if approve_on:
        meeting.minutes_approval = Meeting.Approval.CIRCULATION
        meeting.minutes_approved_on = approve_on
        meeting.minutes_approved_note = "กรรมการทุกคนรับรองโดยการเวียน"
        meeting.minutes_approved_by = by
    meeting.save()
    return meeting


def _meetings(y, users, out):
    """FY 2569: every round met once on its first day; FY 2570: zone 1's meeting is called, not yet held."""
    by = users["province"]
    rounds = Round.objects.filter(committee__year=y, committee__members__isnull=False).distinct()
    for rnd in rounds:  # a district committee without seats: its officer records the results (DESIGN §7)
        leave = out["partner1"] if rnd.committee.level == EvaluationLevel.ZONE else None
        number = 1
        if rnd.committee.level == EvaluationLevel.COMMITTEE:  # the August meeting comes first (guideline 2.8)
            _meeting(rnd, by, held_on=AUGUST_MEETING, resolve=False)
            number = 2
        _meeting(
            rnd,
            by,
            held_on=rnd.starts_on,
            number=number,
            approve_on=rnd.starts_on + dt.timedelta(days=7),
            leave=leave,
        )


AUGUST_MEETING = dt.date(
    2026, 8, 26
)  # after the zone rounds (5–11 August), before certification (10 September)

AUGUST_REMARKS = [
    "นำเสนอชัดเจน มีข้อมูลก่อน-หลังการพัฒนาครบ ควรเพิ่มตัวเลขรายได้ของสมาชิกในปีถัดไป",
    "กระบวนการมีส่วนร่วมโดดเด่น เหมาะเป็นแหล่งเรียนรู้ของจังหวัด",
    "ควรสรุปบทเรียนให้สั้นลงและเน้นปัจจัยความสำเร็จที่ถ่ายทอดได้",
    "ภาคีสนับสนุนต่อเนื่อง ควรบันทึกข้อตกลงความร่วมมือเป็นลายลักษณ์อักษร",
    "ผลงานเป็นรูปธรรม ควรเผยแพร่ผ่านสื่อของจังหวัด",
    "ข้อมูลแผนพัฒนาตนเองครบถ้วน ควรเพิ่มภาพกิจกรรมของเยาวชน",
    "ควรเชื่อมโยงกับกลุ่มอาชีพในตำบลใกล้เคียงเพื่อขยายผล",
    "นำเสนอตรงเวลา เนื้อหาครบตามหัวข้อที่กำหนด",
    "เหมาะเป็นต้นแบบด้านการจัดการกองทุน ควรจัดศึกษาดูงานให้อำเภออื่น",
]

AUGUST_MINUTES = (
    "เริ่มประชุมเวลา 09.00 น.\n"
    "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ: ประธานแจ้งแนวทางการนำเสนอผลงานหน่วยนับต้นแบบอำเภอ "
    "ตามคู่มือ มชช. จังหวัดพิษณุโลก ข้อ 2.8 อำเภอละ {each} นาที\n"
    "ระเบียบวาระที่ 2 เรื่องเพื่อพิจารณา: หน่วยนับต้นแบบ {n} อำเภอ นำเสนอสรุปผลการเรียนรู้ตามลำดับ "
    "คณะกรรมการให้ข้อคิดเห็นรายอำเภอตามบัญชีแนบท้าย\n"
    "ระเบียบวาระที่ 3 เรื่องอื่น ๆ: กำหนดประชุมพิจารณารับรองผลการประเมินในเดือนกันยายน\n"
    "เลิกประชุมเวลา {end} น."
)


def _august(y, users):
    """The provincial committee's August meeting (no. 1 of its round): the nine district exemplars present in
    district order, 20 minutes each from 09.30, the committee's remarks recorded after the meeting, the minutes
    approved at meeting no. 2 (September)."""
    from .meetings import add_all_presentations

    by = users["province"]
    rnd = Round.objects.filter(committee__year=y, committee__level=EvaluationLevel.COMMITTEE).first()
    meeting = Meeting.objects.filter(round=rnd, number=1).first()
    if meeting is None or meeting.presentations.exists():
        return
    items = add_all_presentations(meeting, by=by, minutes=20, starts_at=dt.time(9, 30))
    for i, item in enumerate(items):
        item.remarks = AUGUST_REMARKS[i % len(AUGUST_REMARKS)]
        item.remarks_by = by
        item.save(update_fields=["remarks", "remarks_by"])
    last = items[-1]
    end = dt.datetime.combine(meeting.held_on, last.starts_at) + dt.timedelta(minutes=last.minutes + 15)
    meeting.minutes = AUGUST_MINUTES.format(each=20, n=len(items), end=end.strftime("%H.%M"))
    later = Meeting.objects.get(round=rnd, number=2)
    meeting.minutes_approval = Meeting.Approval.NEXT_MEETING
    meeting.minutes_approved_in = later
    meeting.minutes_approved_on = later.held_on
    meeting.minutes_approved_by = by
    meeting.save()


def _meetings_2570(ctx, by):
    for rnd in Round.objects.filter(committee__year=ctx.years[2570], committee__zone=ctx.zone1):
        _meeting(rnd, by, held_on=rnd.starts_on, resolve=False)


def seed(ctx):
    users = ctx.users
    out = _outsiders()
    for y in ctx.years.values():
        for tt in TargetType:
            _demo_standards(y, tt)
    _seed_2569(ctx, ctx.years[2569], users, out)
    _meetings(ctx.years[2569], users, out)
    _exemplars(ctx.years[2569], users)
    _august(ctx.years[2569], users)
    _seed_2570(ctx, ctx.years[2570], users, out)
    _meetings_2570(ctx, users["province"])
