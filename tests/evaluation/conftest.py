"""Committee personas for FY 2570 of Phitsanulok (65), on top of tests/conftest.py.

- `zone_chair`   ประธานคณะทำงานโซน 1 (6501, 6505) — decides zone rounds, scores too
- `zone_member`  กรรมการโซน 1 from 6505 — scores the units of 6501, never those of 6505
- `zone_local`   กรรมการโซน 1 whose home district is 6501 — excluded from 6501's units (conflict of interest)
- `other_zone`   กรรมการโซน 2 (6502) — sees nothing of zone 1
- `chair`        ประธานคณะกรรมการ มชช. จังหวัด — decides the last level, issues certification
- `cmember`      กรรมการ มชช. จังหวัด
- `officer` (tests/conftest.py) is the district officer of 6501 and the mentor of `enrolment`.
Guideline 2.9: "คณะทำงานระดับโซนอำเภอ ประเมินผลการพัฒนาตนเองของกลุ่มเป้าหมาย โดยให้นำเสนอผลงาน";
guideline 2.10: "คณะกรรมการ มชช. จังหวัด พิจารณารับรองผลการประเมิน".
"""

import datetime as dt
from decimal import Decimal

import pytest

from apps.accounts.enums import Role
from apps.development.enums import PlanStatus
from apps.development.models import Component, Indicator, Plan, SelfAssessment, StandardSet
from apps.evaluation import services
from apps.evaluation.enums import CommitteeRole
from apps.geo.services import save_zone
from apps.registry.enums import EvaluationLevel, Stage
from tests.factories import EnrolmentFactory, UnitFactory, UserFactory, district, with_role


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Committees need many accounts; the production hasher would dominate the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def zones(year, staff):
    z1 = save_zone(year.province, year.fiscal_year, "โซน 1", ["6501", "6505"], by=staff)
    z2 = save_zone(year.province, year.fiscal_year, "โซน 2", ["6502", "6503"], by=staff)
    return z1, z2


@pytest.fixture
def standard_set(year):
    sset = StandardSet.objects.create(
        year=year, target_type="group", version=1, title="ชุดทดสอบ", is_demo=True, min_percent=Decimal("60")
    )
    comp = Component.objects.create(standard_set=sset, order=1, name="ด้านการบริหารจัดการ")
    Indicator.objects.create(
        component=comp, order=1, code="1.1", text="มีคณะกรรมการบริหาร", max_score=5, weight=Decimal("40")
    )
    Indicator.objects.create(
        component=comp, order=2, code="1.2", text="มีการประชุมสม่ำเสมอ", max_score=5, weight=Decimal("40")
    )
    Indicator.objects.create(
        component=comp,
        order=3,
        code="1.3",
        text="มีบัญชีที่ตรวจสอบได้",
        scale=Indicator.Scale.PASS_FAIL,
        max_score=1,
        weight=Decimal("20"),
    )
    return sset


def ready(e):
    """What guideline 2.5 gives a unit before evaluation: its self-assessment (against the year's newest set of
    its type) and its submitted self-development plan (apps/evaluation/readiness.py)."""
    sset = (
        StandardSet.objects.filter(year=e.year, target_type=e.unit.target_type).order_by("-version").first()
    )
    SelfAssessment.objects.create(enrolment=e, standard_set=sset, percent=Decimal("80"), passed=True)
    Plan.objects.create(
        enrolment=e, status=PlanStatus.SUBMITTED, submitted_at=dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
    )
    return e


def evaluable(**kwargs):
    """A unit at stage 5 as the guideline brings it there (ready())."""
    return ready(EnrolmentFactory(stage=Stage.EVALUATION, **kwargs))


@pytest.fixture
def enrolment(year, officer, standard_set):
    return evaluable(year=year, mentor=officer)


@pytest.fixture
def enrolment_6505(year, standard_set):
    return evaluable(year=year, unit=UnitFactory(district=district("6505")))


def seat(committee, role=CommitteeRole.MEMBER, home=None, staff=None, user=None):
    user = user or UserFactory()
    services.add_member(committee, user=user, role=role, home_district=home and district(home), by=staff)
    return user


@pytest.fixture
def district_committee(year, staff, officer):
    c = services.create_committee(
        year,
        EvaluationLevel.DISTRICT,
        name="คณะกรรมการ มชช. อำเภอเมืองพิษณุโลก",
        district=district("6501"),
        by=staff,
    )
    seat(c, CommitteeRole.CHAIR, staff=staff)
    seat(c, staff=staff)
    return c


@pytest.fixture
def zone_committee(year, staff, zones):
    return services.create_committee(
        year, EvaluationLevel.ZONE, name="คณะทำงานโซน 1", zone=zones[0], by=staff
    )


@pytest.fixture
def zone_chair(zone_committee, staff):
    return seat(zone_committee, CommitteeRole.CHAIR, home="6505", staff=staff)


@pytest.fixture
def zone_member(zone_committee, staff, zone_chair):
    return seat(zone_committee, home="6505", staff=staff)


@pytest.fixture
def zone_local(zone_committee, staff, zone_chair):
    return seat(zone_committee, home="6501", staff=staff)


@pytest.fixture
def other_zone(year, staff, zones):
    c = services.create_committee(year, EvaluationLevel.ZONE, name="คณะทำงานโซน 2", zone=zones[1], by=staff)
    return seat(c, CommitteeRole.CHAIR, staff=staff)


@pytest.fixture
def province_committee(year, staff):
    return services.create_committee(
        year, EvaluationLevel.COMMITTEE, name="คณะกรรมการ มชช. จังหวัดพิษณุโลก", by=staff
    )


@pytest.fixture
def chair(province_committee, staff):
    return seat(province_committee, CommitteeRole.CHAIR, staff=staff)


@pytest.fixture
def cmember(province_committee, staff, chair):
    return seat(province_committee, staff=staff)


def make_round(committee, staff, days=0, **kw):
    data = {
        "title": f"รอบ{committee.get_level_display()}",
        "starts_on": dt.date(2027, 7, 10) + dt.timedelta(days),
        "ends_on": dt.date(2027, 7, 11) + dt.timedelta(days),
        "place": "ห้องประชุมอำเภอ",
        "online_url": "",
        "slot_minutes": 20,
        "first_slot": dt.time(9, 0),
    }
    data.update(kw)
    return services.create_round(committee, by=staff, **data)


@pytest.fixture
def district_round(district_committee, staff):
    return make_round(district_committee, staff)


@pytest.fixture
def zone_round(zone_committee, staff, zone_chair, zone_member, zone_local):
    return make_round(zone_committee, staff, days=20, place="ห้องประชุมโซน 1")


@pytest.fixture
def committee_round(province_committee, staff, chair, cmember):
    return make_round(province_committee, staff, days=40, place="ศาลากลางจังหวัดพิษณุโลก")


def full_score(indicators, value=Decimal(4)):
    return {i.pk: (Decimal(1) if i.scale == "pass_fail" else value) for i in indicators}


def submit(entry, member, value=Decimal(4)):
    from apps.evaluation import scoring

    inds = scoring.indicators_of(scoring.standard_set_for(entry.enrolment))
    return services.save_scorecard(entry, member, values=full_score(inds, value), submit=True, by=member)


@pytest.fixture
def passed_district(district_round, enrolment, officer):
    """The enrolment has passed the district round (recorded by the district officer, DESIGN §7)."""
    from apps.evaluation.decisions import decide

    entry = services.add_entry(district_round, enrolment, by=officer)
    decide(entry, decision="pass", reason="คณะกรรมการอำเภอมีมติผ่าน", by=officer)
    return entry


__all__ = ["seat", "make_round", "submit", "full_score", "Role", "with_role"]
