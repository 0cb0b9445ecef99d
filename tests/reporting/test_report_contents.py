"""What each report carries, as guideline 2.7–2.8 asks of it:
2.7.2 "ส่งแผนการพัฒนาตนเองของผู้สมัครใจเข้าสู่ระบบ มชช. … ภายในวันที่ ๕ กุมภาพันธ์" — the plans themselves;
2.7.2 "รายงานสรุปผลการเรียนรู้และพัฒนาตนเอง … และผลการประเมิน … (ผ่านการประเมินรับรองผลฯ ของอำเภอ) … ภายในวันที่
๒๐ กรกฎาคม" — learning (self-assessment, activities done, supervision) and the district committee's result;
2.8 "คัดเลือก … อำเภอละ 1 หน่วยนับ … ในรูปแบบ Power point" — the district's exemplar."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from apps.development.enums import PlanStatus, Progress
from apps.development.models import Activity, Goal, Plan, SelfAssessment, Visit
from apps.evaluation.models import Committee, Exemplar, Round, RoundEntry
from apps.registry.enums import EvaluationLevel
from apps.reporting import services
from apps.reporting.documents import submission_xlsx
from apps.reporting.snapshot import build_snapshot
from tests.development.factories import make_set
from tests.factories import district

pytestmark = pytest.mark.django_db


@pytest.fixture
def developed(year, units, officer):
    """กลุ่มออมทรัพย์บ้านหนองพิกุล (6501): self-assessed 72.5 %, a submitted plan of two goals and three activities
    (one done), two supervision visits, passed by the district committee at 81.25 %."""
    e = units[0]
    SelfAssessment.objects.create(
        enrolment=e, standard_set=make_set(year), percent=Decimal("72.50"), passed=True
    )
    plan = Plan.objects.create(enrolment=e, status=PlanStatus.SUBMITTED)
    g1 = Goal.objects.create(plan=plan, order=1, text="จัดทำบัญชีรับจ่ายให้เป็นปัจจุบัน")
    Goal.objects.create(plan=plan, order=2, text="เพิ่มสมาชิกออมทรัพย์")
    day = dt.date(2026, 12, 1)
    for n, (budget, progress) in enumerate(
        [(5000, Progress.DONE), (12000, Progress.PARTLY), (0, Progress.PENDING)]
    ):
        Activity.objects.create(
            plan=plan,
            goal=g1,
            what=f"กิจกรรม {n}",
            starts_on=day,
            ends_on=day,
            who="กรรมการกลุ่ม",
            budget=Decimal(budget),
            progress=progress,
        )
    for d in (dt.date(2026, 12, 10), dt.date(2027, 1, 20)):
        Visit.objects.create(enrolment=e, visited_on=d, visitors="พัฒนากร")
    committee = Committee.objects.create(
        year=year,
        level=EvaluationLevel.DISTRICT,
        district=district("6501"),
        name="คณะกรรมการ มชช. อำเภอเมืองพิษณุโลก",
    )
    rnd = Round.objects.create(committee=committee, title="ประเมินระดับอำเภอ", starts_on=day, ends_on=day)
    RoundEntry.objects.create(
        round=rnd,
        enrolment=e,
        decision="pass",
        mean_percent=Decimal("81.25"),
        decided_at=dt.datetime(2027, 7, 1, tzinfo=dt.UTC),
    )
    return e


def _page(as_user, officer, year, kind):
    r = as_user(officer).get(f"/app/reports/{year.pk}/6501/{kind}/")
    assert r.status_code == 200
    return r.content.decode()


def test_plans_report_carries_each_plan(as_user, year, developed, officer, django_assert_max_num_queries):
    snap = build_snapshot(year, district("6501"), "plans")
    rows = {u["name"]: u for u in snap["units"]}
    row = rows["กลุ่มออมทรัพย์บ้านหนองพิกุล"]
    assert row["assessment"] == {"percent": 72.5, "passed": True}
    assert row["plan"]["goals"] == ["จัดทำบัญชีรับจ่ายให้เป็นปัจจุบัน", "เพิ่มสมาชิกออมทรัพย์"]
    assert (row["plan"]["activities"], row["plan"]["budget"], row["plan"]["status"]) == (
        3,
        17000.0,
        "submitted",
    )
    assert "plan" not in rows["นายบุญมี ทองดี"]  # no plan yet: the page says so
    body = _page(as_user, officer, year, "plans")
    assert "2 เป้าหมาย 3 กิจกรรม" in body and "17,000" in body and "ยังไม่มีแผน" in body
    ws = load_workbook(io.BytesIO(submission_xlsx(snap)))["หน่วยนับ"]
    header = [c.value for c in ws[1]]
    line = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert line["เป้าหมายการพัฒนา"] == "จัดทำบัญชีรับจ่ายให้เป็นปัจจุบัน · เพิ่มสมาชิกออมทรัพย์"
    assert line["งบประมาณ (บาท)"] == 17000 and line["ผ่านเกณฑ์"] == "ผ่าน"
    # frozen at submission: a goal added afterwards does not change what the province received
    sub = services.submit_report(
        services.get_or_create_submission(year, district("6501"), "plans"), by=officer
    )
    Goal.objects.create(plan=developed.plan, order=3, text="เป้าหมายที่เพิ่มภายหลัง")
    assert "เป้าหมายที่เพิ่มภายหลัง" not in _page(as_user, officer, year, "plans")
    assert len(sub.snapshot["units"][0]["plan"]["goals"]) == 2


def test_snapshot_queries_do_not_grow_with_units(year, developed, units, django_assert_max_num_queries):
    from tests.factories import EnrolmentFactory, UnitFactory

    with django_assert_max_num_queries(20) as few:
        build_snapshot(year, district("6501"), "results")
    for n in range(5):
        e = EnrolmentFactory(year=year, unit=UnitFactory(name=f"กลุ่มเพิ่ม {n}"))
        Plan.objects.create(enrolment=e)
        Visit.objects.create(enrolment=e, visited_on=dt.date(2026, 12, 10), visitors="พัฒนากร")
    with django_assert_max_num_queries(len(few.captured_queries)):
        build_snapshot(year, district("6501"), "results")


def test_results_report_carries_learning_and_the_district_result(as_user, year, developed, officer):
    snap = build_snapshot(year, district("6501"), "results")
    row = next(u for u in snap["units"] if u["name"] == "กลุ่มออมทรัพย์บ้านหนองพิกุล")
    assert (row["plan"]["done"], row["plan"]["activities"], row["visits"]) == (1, 3, 2)
    assert row["district"] == {"decision": "pass", "decision_label": "ผ่าน", "mean": 81.25}
    body = _page(as_user, officer, year, "results")
    assert "ผลการประเมินระดับอำเภอ" in body and "81.25%" in body and "1/3" in body and "ยังไม่ประเมิน" in body
    pdf_ctx_snapshot = services.submit_report(
        services.get_or_create_submission(year, district("6501"), "results"), by=officer
    ).snapshot
    assert pdf_ctx_snapshot["schema"] == 2


def test_results_pdf_shows_the_district_result(year, developed, officer):
    import shutil
    import subprocess

    from apps.reporting.documents import submission_pdf

    pdf = submission_pdf(build_snapshot(year, district("6501"), "results"))
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "(81.25%)" in text  # the district committee mean, as printed (Thai text is checked as PNG)


def test_exemplar_report_needs_the_district_exemplar(as_user, year, units, officer):
    url = f"/app/reports/{year.pk}/6501/exemplar/"
    body = as_user(officer).get(url).content.decode()
    assert "อำเภอยังไม่ได้เลือกต้นแบบอำเภอของปีนี้" in body
    r = as_user(officer).post(url + "submit/", {}, follow=True)
    assert "กรุณาเลือกที่หน้าต้นแบบอำเภอก่อนส่งรายงาน" in r.content.decode()
    Exemplar.objects.create(year=year, district=district("6501"), enrolment=units[0], reason="ออมต่อเนื่อง 10 ปี")
    body = as_user(officer).get(url).content.decode()
    assert "กลุ่มออมทรัพย์บ้านหนองพิกุล" in body and "ออมต่อเนื่อง 10 ปี" in body and "ยังไม่มีไฟล์นำเสนอ" in body
    assert as_user(officer).post(url + "submit/", {}).status_code == 302
