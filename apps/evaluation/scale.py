"""seed_scale step: evaluation at national scale. Per province-year: zones of about five districts (when the
year has none), a committee per district, per zone and for the province (the levels the year switches on)
with 3–5 members each — synthetic accounts with the scale password, the same people every year, the district
officer as secretary of the district committee and one district officer in each zone working group — and one
round per committee. In past years every enrolment goes up the chain of levels with a decision that agrees
with its outcome: certified → passed at every level, not passed → failed at one level (usually the first).

Scorecards (one per member who may score the unit under the conflict rule, a score per indicator, submitted)
are written for the most recent past year at every level and for the year before at the last level only;
older decisions are recorded on the committee's behalf with a reason, as DESIGN §7 allows. That keeps the
default size (77 provinces × 5 years × 150 units) at about 1.4 million indicator scores."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from apps.accounts.enums import Role
from apps.accounts.models import Person, RoleAssignment, User
from apps.core.bulk import at, fields_of, given_timestamps
from apps.development.scale import standard_sets
from apps.geo.models import Zone, ZoneMembership
from apps.registry.enums import EvaluationLevel, Outcome, Stage
from apps.registry.models import Enrolment

from . import scoring
from .decisions import excluded
from .enums import DECIDING_ROLES, CommitteeRole, Decision, PresentationMode, ScorecardStatus
from .models import Committee, CommitteeMember, Round, RoundEntry, Score, Scorecard
from .services import LEVEL_ROLE

L = EvaluationLevel
# Which levels get scorecards, by how many years a past year lies before the most recent one.
SCORED = {0: "all", 1: "last"}
BATCH = 2000
DISTRICTS_PER_ZONE = 5
SLOTS_PER_DAY = 18
ON_BEHALF = "บันทึกผลตามมติที่ประชุมคณะกรรมการ (ไม่ได้บันทึกใบให้คะแนนในระบบ)"
COMMENT = {
    Decision.PASS: "เอกสารหลักฐานครบถ้วน นำเสนอชัดเจน",
    Decision.NOT_PASS: "ควรพัฒนาระบบบัญชีและการจัดเก็บหลักฐานก่อนเสนอขอรับรองอีกครั้ง",
}


def _people(province, districts, n_zones, password):
    """The province's committee members as {(scope, index): user id}, created once with the scale password."""
    specs = {}
    for d in districts:
        specs[(d.code, 0)] = (f"chair{d.code}", "นาย", f"นายอำเภอ{d.name_th}", "นายอำเภอ")
        specs[(d.code, 1)] = (f"partner{d.code}", "นาง", f"ผู้แทนภาคี{d.name_th}", "ภาคีการพัฒนา")
        specs[(d.code, 2)] = (f"alumni{d.code}", "นางสาว", f"ผู้ผ่าน มชช. {d.name_th}", "ผู้ผ่าน มชช.")
    for z in range(n_zones):
        for m in range(4):
            specs[(f"zone{z}", m)] = (
                f"zone{province.code}-{z + 1}-{m + 1}",
                "นาย",
                f"คณะทำงานโซน {z + 1}",
                ["สำนักงานพัฒนาชุมชนจังหวัด", "ภาคีการพัฒนา", "ผู้ผ่าน มชช.", "สำนักงานพัฒนาชุมชนจังหวัด"][m],
            )
    for m in range(5):
        specs[("province", m)] = (
            f"committee{province.code}-{m + 1}",
            "นาง",
            f"กรรมการ มชช. จังหวัด{province.name_th}",
            ["พัฒนาการจังหวัด", "ภาคีการพัฒนา", "ผู้ผ่าน มชช.", "สถาบันการศึกษา", "สำนักงานพัฒนาชุมชนจังหวัด"][m],
        )
    emails = {key: f"{local}@scale.example.org" for key, (local, *_rest) in specs.items()}
    have = dict(User.objects.filter(email__in=emails.values()).values_list("email", "pk"))
    User.objects.bulk_create(
        [
            User(
                email=emails[key],
                password=password,
                title=title,
                first_name=first,
                last_name=f"ท่านที่ {key[1] + 1}",
                position=position,
            )
            for key, (_local, title, first, position) in specs.items()
            if emails[key] not in have
        ],
        batch_size=BATCH,
    )
    have = dict(User.objects.filter(email__in=emails.values()).values_list("email", "pk"))
    return {key: have[email] for key, email in emails.items()}


def _zones(province, fy, districts):
    """{district code: Zone} for the year; zones of about five neighbouring districts when there are none."""
    by_district = {
        m.district_id: m.zone
        for m in ZoneMembership.objects.filter(zone__province=province, fiscal_year=fy).select_related("zone")
    }
    rest = [d for d in districts if d.code not in by_district]
    if rest:
        n = max(1, round(len(rest) / DISTRICTS_PER_ZONE))
        first = Zone.objects.filter(province=province, fiscal_year=fy).count()
        zones = Zone.objects.bulk_create(
            [Zone(province=province, fiscal_year=fy, name=f"โซนที่ {first + k + 1}") for k in range(n)]
        )
        members = []
        for i, d in enumerate(rest):
            z = zones[i * n // len(rest)]
            members.append(ZoneMembership(zone=z, district=d, fiscal_year=fy))
            by_district[d.code] = z
        ZoneMembership.objects.bulk_create(members)
    return by_district


def _persons(province, members):
    """{user id: person id} for (user id, organisation, home district) of the seats: the person record of each
    account, made once from its names (the same people sit every year)."""
    ids = {u for u, _a, _h in members}
    have = dict(Person.objects.filter(user_id__in=ids).values_list("user_id", "pk"))
    extra = {u: (aff, home) for u, aff, home in members}
    users = User.objects.filter(pk__in=ids - set(have)).only(
        "title", "first_name", "last_name", "position", "email"
    )
    Person.objects.bulk_create(
        [
            Person(
                province=province,
                user_id=u.pk,
                title=u.title,
                first_name=u.first_name or u.email,
                last_name=u.last_name,
                position=u.position,
                organisation=extra[u.pk][0],
                home_district_id=extra[u.pk][1],
                email=u.email,
            )
            for u in users
        ],
        batch_size=BATCH,
    )
    return dict(Person.objects.filter(user_id__in=ids).values_list("user_id", "pk"))


def _committees(py, province, districts, zone_of, people, officers, rng):
    """Committees of the year's levels with their seats: [(committee, [(user id, role, affiliation, home)])]."""
    fy, levels = py.fiscal_year, py.levels
    out = []
    if L.DISTRICT in levels:
        for d in districts:
            seats = [
                (people[(d.code, 0)], CommitteeRole.CHAIR, "นายอำเภอ", None),
                (people[(d.code, 1)], CommitteeRole.MEMBER, "ภาคีการพัฒนา", None),
            ]
            if rng.random() < 0.5:
                seats.append((people[(d.code, 2)], CommitteeRole.MEMBER, "ผู้ผ่าน มชช.", None))
            if d.code in officers:
                seats.append((officers[d.code], CommitteeRole.SECRETARY, "พัฒนาการอำเภอ", None))
            out.append(
                (
                    Committee(
                        year=py, level=L.DISTRICT, district_id=d.code, name=f"คณะกรรมการ มชช. {d.label}"
                    ),
                    seats,
                )
            )
    if L.ZONE in levels:
        zones = sorted({z.pk: z for z in zone_of.values()}.values(), key=lambda z: z.name)
        for k, zone in enumerate(zones):
            key = f"zone{k}"
            seats = [(people[(key, 0)], CommitteeRole.CHAIR, "สำนักงานพัฒนาชุมชนจังหวัด", None)]
            home = next(
                (code for code, z in sorted(zone_of.items()) if z.pk == zone.pk and code in officers), None
            )
            if home:
                seats.append((officers[home], CommitteeRole.MEMBER, "พัฒนาการอำเภอ", home))
            for m in (1, 2)[: rng.randint(0 if home else 1, 2)]:
                seats.append(
                    (people[(key, m)], CommitteeRole.MEMBER, ["", "ภาคีการพัฒนา", "ผู้ผ่าน มชช."][m], None)
                )
            seats.append((people[(key, 3)], CommitteeRole.SECRETARY, "สำนักงานพัฒนาชุมชนจังหวัด", None))
            out.append((Committee(year=py, level=L.ZONE, zone=zone, name=f"คณะทำงานระดับ{zone.name}"), seats))
    for level, name in (
        (L.SUBCOMMITTEE, "คณะอนุกรรมการประเมิน มชช. จังหวัด"),
        (L.COMMITTEE, "คณะกรรมการ มชช. จังหวัด"),
    ):
        if level not in levels:
            continue
        seats = [(people[("province", 0)], CommitteeRole.CHAIR, "พัฒนาการจังหวัด", None)]
        for m in range(1, 1 + rng.randint(1, 3)):
            seats.append((people[("province", m)], CommitteeRole.MEMBER, "ภาคีการพัฒนา", None))
        seats.append((people[("province", 4)], CommitteeRole.SECRETARY, "สำนักงานพัฒนาชุมชนจังหวัด", None))
        out.append((Committee(year=py, level=level, name=f"{name}{province.name_th}"), seats))
    Committee.objects.bulk_create([c for c, _s in out])
    persons = _persons(province, [(u, aff, home) for _c, seats in out for u, _r, aff, home in seats])
    CommitteeMember.objects.bulk_create(
        [
            CommitteeMember(committee=c, person_id=persons[u], user_id=u, role=role, order=i + 1)
            for c, seats in out
            for i, (u, role, _aff, _home) in enumerate(seats)
        ]
    )
    roles = []
    for c, seats in out:
        for u, role, _aff, _home in seats:
            r = (
                Role.COMMITTEE_CHAIR
                if c.level == L.COMMITTEE and role in DECIDING_ROLES
                else LEVEL_ROLE[c.level]
            )
            scope = (
                {"district_id": c.district_id}
                if c.level == L.DISTRICT
                else {"zone": c.zone}
                if c.level == L.ZONE
                else {"province_id": py.province_id}
            )
            roles.append(RoleAssignment(user_id=u, role=r, fiscal_year=fy, **scope))
    RoleAssignment.objects.bulk_create(roles, ignore_conflicts=True)
    return out


def _round_dates(level, k, fy, n_entries):
    """(starts_on, days) of a committee's round: districts in July, zones in early August, the province by
    20 August — before the certificates of 25 August (apps/certification/scale.py)."""
    year = fy - 543
    days = max(1, -(-n_entries // SLOTS_PER_DAY)) if level in (L.DISTRICT, L.ZONE) else 1
    if level == L.DISTRICT:
        return dt.date(year, 7, 1 + k % 20), min(days, 5)
    if level == L.ZONE:
        return dt.date(year, 8, 1 + k % 10), min(days, 4)
    if level == L.SUBCOMMITTEE:
        return dt.date(year, 8, 15), 2
    return dt.date(year, 8, 20), 1


def _chain(py, rng):
    """{level: [(enrolment, decision)]} of a past year: how far each enrolment went and what was decided."""
    levels = py.levels
    weights = [5, 3, 2, 1][: len(levels)]
    out = defaultdict(list)
    enrolments = (
        Enrolment.objects.filter(
            year=py, stage=Stage.EVALUATION, outcome__in=[Outcome.CERTIFIED, Outcome.NOT_PASSED]
        )
        .select_related("unit")
        .only("pk", "outcome", "mentor", "unit__district_id", "unit__target_type")
        .order_by("unit__district_id", "pk")
    )
    for e in enrolments:
        fail = None if e.outcome == Outcome.CERTIFIED else rng.choices(range(len(levels)), weights)[0]
        for i, level in enumerate(levels):
            out[level].append((e, Decision.NOT_PASS if i == fail else Decision.PASS))
            if i == fail:
                break
    return out


def _values(inds, decision, rng):
    """Scores that agree with the decision: a pass scores at least 60 % on every card, a not-pass below."""
    if decision == Decision.PASS:
        return {
            i.pk: Decimal(1) if i.scale == "pass_fail" else Decimal(rng.choice([3, 4, 4, 5])) for i in inds
        }
    return {i.pk: Decimal(0) if i.scale == "pass_fail" else Decimal(rng.choice([1, 2, 2, 3])) for i in inds}


def _seed_year(py, province, rng, staff_id, districts, zone_of, people, officers, own, scored):
    committees = _committees(py, province, districts, zone_of, people, officers, rng)
    chain = _chain(py, rng) if scored is not None else {}
    sets = standard_sets(py) if chain else {}
    levels = py.levels
    # entries per committee
    by_scope = {}
    for c, seats in committees:
        by_scope[(c.level, c.district_id or (c.zone.pk if c.zone_id else None))] = (c, seats)
    per_committee = defaultdict(list)
    for level, rows in chain.items():
        for e, decision in rows:
            d = e.unit.district_id
            scope = d if level == L.DISTRICT else zone_of[d].pk if level == L.ZONE else None
            per_committee[by_scope[(level, scope)][0].pk].append((e, decision))
    rounds = []
    labels = {d.code: d.label for d in districts}
    fy, now = py.fiscal_year, timezone.now()
    for k, (c, _seats) in enumerate(committees):
        starts, days = _round_dates(c.level, k, fy, len(per_committee[c.pk]))
        title = {
            L.DISTRICT: f"ประเมินระดับ{labels.get(c.district_id, '')} ปี {fy}",
            L.ZONE: f"ประเมินและนำเสนอผลงาน{c.zone.name if c.zone_id else ''} ปี {fy}",
            L.SUBCOMMITTEE: f"อนุกรรมการประเมินระดับจังหวัด ปี {fy}",
            L.COMMITTEE: f"คณะกรรมการ มชช. จังหวัด พิจารณารับรอง ปี {fy}",
        }[c.level]
        where = (
            f"ห้องประชุมที่ว่าการ{labels.get(c.district_id, '')}"
            if c.level == L.DISTRICT
            else f"ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัด{province.name_th}"
        )
        rounds.append(
            Round(
                committee=c,
                title=title,
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=days - 1),
                place=where,
                online_url="https://meet.example.org/mchch-zone" if c.level == L.ZONE else "",
                slot_minutes=20,
                first_slot=dt.time(9, 0),
                created_by_id=staff_id,
                created_at=min(now, at(starts - dt.timedelta(days=30), 9)),
            )
        )
    Round.objects.bulk_create(rounds)
    if not chain:
        return 0, 0
    entries, plan = [], []
    for rnd, (c, seats) in zip(rounds, committees, strict=True):
        presented = c.level != L.COMMITTEE
        with_cards = scored == "all" or (scored == "last" and c.level == levels[-1])
        decider = next((u for u, role, _a, _h in seats if role == CommitteeRole.CHAIR), None)
        if c.level == L.DISTRICT:
            decider = officers.get(c.district_id, decider)
        for order, (e, decision) in enumerate(per_committee[c.pk], start=1):
            day = rnd.starts_on + dt.timedelta(days=(order - 1) // SLOTS_PER_DAY if presented else 0)
            slot = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(
                minutes=20 * ((order - 1) % SLOTS_PER_DAY)
            )
            entries.append(
                RoundEntry(
                    round=rnd,
                    enrolment_id=e.pk,
                    order=order,
                    slot_start=slot.time() if presented else None,
                    slot_minutes=20 if presented else None,
                    mode=PresentationMode.ONLINE if order % 5 == 0 else PresentationMode.IN_PERSON,
                    decision=decision,
                    decision_reason="" if with_cards else ON_BEHALF,
                    decided_by_id=decider,
                    decided_at=at(rnd.ends_on, 16),
                    version=2,
                    added_by_id=staff_id,
                    added_at=at(rnd.starts_on - dt.timedelta(days=7), 9),
                )
            )
            plan.append((e, decision, c.level, seats if with_cards else (), day))
    # scorecards of every member who may score the unit, then the mean and median on the entry
    seat_of = {
        (c_id, u): pk
        for pk, c_id, u in CommitteeMember.objects.filter(
            committee__in=[c for c, _s in committees]
        ).values_list("pk", "committee_id", "user_id")
    }
    cards, values = [], []
    for entry, (e, decision, level, seats, day) in zip(entries, plan, strict=True):
        sset, inds = sets[e.unit.target_type]
        percents = []
        for u, _role, _aff, _home in seats:
            if excluded(level, e, u, own.get(u, set())):
                continue
            v = _values(inds, decision, rng)
            pct = scoring.percent(inds, v)
            percents.append(pct)
            cards.append(
                Scorecard(
                    entry=entry,
                    seat_id=seat_of[(entry.round.committee_id, u)],
                    member_id=u,
                    standard_set=sset,
                    status=ScorecardStatus.SUBMITTED,
                    comment=COMMENT[decision],
                    percent=pct,
                    submitted_at=at(day, 15),
                    updated_at=at(day, 15),
                )
            )
            values.append(v)
        entry.mean_percent, entry.median_percent = scoring.summary(percents)
    RoundEntry.objects.bulk_create(entries, batch_size=BATCH)
    Scorecard.objects.bulk_create(cards, batch_size=BATCH)
    Score.objects.bulk_create(
        (
            Score(scorecard_id=card.pk, indicator_id=k, value=v)
            for card, vals in zip(cards, values, strict=True)
            for k, v in vals.items()
        ),
        batch_size=BATCH * 5,
    )
    return len(entries), len(cards)


def seed(ctx):
    provinces = {p.code: p for p in ctx.provinces}
    stamped = (
        fields_of(Round, "created_at")
        + fields_of(RoundEntry, "added_at")
        + fields_of(Scorecard, "updated_at")
    )
    totals = [0, 0]
    for code, pys in ctx.programme_years.items():
        province = provinces[code]
        districts = list(province.districts.order_by("code"))
        staff_id = (
            User.objects.filter(email=f"staff{code}@scale.example.org").values_list("pk", flat=True).first()
        )
        officers = dict(
            RoleAssignment.objects.filter(role=Role.DISTRICT_OFFICER, district__province=province)
            .order_by("pk")
            .values_list("district_id", "user_id")
        )
        own = defaultdict(set)
        for d, u in officers.items():
            own[u].add(d)
        past = [py for py in pys if py is not pys[-1]]
        with transaction.atomic(), given_timestamps(*stamped):
            zones = {py.fiscal_year: _zones(province, py.fiscal_year, districts) for py in pys}
            n_zones = max(len({z.pk for z in zs.values()}) for zs in zones.values())
            people = _people(province, districts, n_zones, ctx.password)
            for py in pys:
                ago = len(past) - 1 - past.index(py) if py in past else None
                scored = SCORED.get(ago) if ago is not None else None
                if ago is not None and scored is None:
                    scored = "none"
                n_entries, n_cards = _seed_year(
                    py,
                    province,
                    ctx.rng,
                    staff_id,
                    districts,
                    zones[py.fiscal_year],
                    people,
                    officers,
                    own,
                    scored,
                )
                totals[0] += n_entries
                totals[1] += n_cards
    ctx.stdout.write(f"  evaluation: {totals[0]} round entries, {totals[1]} scorecards")
