import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from apps.core.models import AuditEvent
from apps.geo.models import Zone
from apps.geo.services import save_zone
from apps.registry.enums import DeadlineKind, TargetType
from apps.registry.models import DistrictTarget, ProgrammeYear
from apps.registry.services import calendar_errors, default_calendar, open_programme_year, set_targets
from tests.factories import district, province


@pytest.mark.django_db
def test_new_year_takes_the_guideline_dates(staff):
    year = open_programme_year(province(), 2570, by=staff)
    due = {d.kind: d.due_on for d in year.deadlines.all()}
    # guideline 2.7.1 "ภายในวันที่ ๒๐ พฤศจิกายน", 2.7.2 "ภายในวันที่ ๕ กุมภาพันธ์", "ภายในวันที่ ๒๐ กรกฎาคม",
    # 2.8 "ในรูปแบบ Power point ในเดือนสิงหาคม" — shifted to FY 2570 (1 Oct 2569 – 30 Sep 2570)
    assert due[DeadlineKind.APPLICANT_LIST] == dt.date(2026, 11, 20)
    assert due[DeadlineKind.PLANS] == dt.date(2027, 2, 5)
    assert due[DeadlineKind.RESULTS] == dt.date(2027, 7, 20)
    assert due[DeadlineKind.EXEMPLAR].month == 8
    assert year.stage_periods.count() == 5
    # guideline 1.2 "อย่างน้อยประเภทละ ๑ หน่วยนับ": 9 districts × 4 types, each ≥ 1
    assert DistrictTarget.objects.filter(year=year).count() == 36
    names = set(year.sub_types.values_list("name", flat=True))
    assert {"กลุ่มออมทรัพย์เพื่อการผลิต", "ศอช.ต.", "หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ"} <= names
    assert AuditEvent.objects.filter(action="programme_year.opened").count() == 1


@pytest.mark.django_db
def test_duplicate_year_is_refused(staff):
    open_programme_year(province(), 2570, by=staff)
    with pytest.raises(ValidationError, match="เปิดไว้แล้ว"):
        open_programme_year(province(), 2570, by=staff)
    assert ProgrammeYear.objects.filter(fiscal_year=2570).count() == 1


@pytest.mark.django_db
def test_new_year_from_last_year_shifts_everything(staff):
    y69 = open_programme_year(province(), 2569, by=staff)
    save_zone(province(), 2569, "โซน ก", ["6501", "6502"], by=staff)
    set_targets(y69, district("6501"), {TargetType.GROUP: 3}, by=staff, confirm=True)
    y70 = open_programme_year(province(), 2570, by=staff, copy_from=y69)
    assert y70.deadlines.get(kind=DeadlineKind.APPLICANT_LIST).due_on == dt.date(2026, 11, 20)
    assert y70.targets.get(district_id="6501", target_type=TargetType.GROUP).target == 3
    assert Zone.objects.get(fiscal_year=2570).districts.count() == 2


@pytest.mark.django_db
def test_inconsistent_calendar_is_explained():
    periods, deadlines = default_calendar(2570)
    deadlines[DeadlineKind.APPLICANT_LIST] = dt.date(2026, 12, 20)  # after recruitment ends
    periods[3] = (dt.date(2027, 3, 1), dt.date(2027, 2, 1))  # ends before it starts
    errors = calendar_errors(2570, periods, deadlines)
    assert any("อยู่หลังวันสิ้นสุดขั้นรับสมัคร" in e for e in errors)
    assert any("วันเริ่มอยู่หลังวันสิ้นสุด" in e for e in errors)
    assert calendar_errors(2570, *default_calendar(2570)) == []


@pytest.mark.django_db
def test_a_district_sits_in_one_zone_per_year(staff):
    open_programme_year(province(), 2570, by=staff)
    save_zone(province(), 2570, "โซน 1", ["6501", "6505"], by=staff)
    with pytest.raises(ValidationError, match="อยู่ในโซน 1"):
        save_zone(province(), 2570, "โซน 2", ["6505", "6502"], by=staff)
    with pytest.raises(ValidationError, match="ซ้ำ"):
        save_zone(province(), 2570, "โซน 3", ["6502", "6502"], by=staff)
    assert Zone.objects.count() == 1


@pytest.mark.django_db
def test_targets_at_least_one(staff, year):
    with pytest.raises(ValidationError, match="อย่างน้อยประเภทละ 1"):
        set_targets(year, district("6501"), {TargetType.LEADER: 0}, by=staff)
