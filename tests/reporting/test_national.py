"""The centre's page (issue 20 item 2): every province of a year, sortable, the national map, drill-down to a
province's dashboard that works for every province (no 404 because the data are not Phitsanulok's), and the
national annual summary as PDF and xlsx built by the worker."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.enums import Role
from apps.core.models import GeneratedFile
from apps.registry.enums import Outcome, Stage, TargetType
from tests.factories import EnrolmentFactory, UnitFactory, district, programme_year, province, with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(db):
    return with_role(Role.NATIONAL_STAFF)


@pytest.fixture
def two_provinces(year, units):
    """Phitsanulok's year (3 units, see conftest) and Sukhothai's year 2570 with 2 units, one certified."""
    y64 = programme_year(code="64", fy=2570)
    EnrolmentFactory(
        year=y64,
        unit=UnitFactory(district=district("6401"), subdistrict_id="640101", name="กลุ่มทอผ้าบ้านนาต้นจั่น"),
        stage=Stage.EVALUATION,
        outcome=Outcome.CERTIFIED,
    )
    EnrolmentFactory(
        year=y64,
        unit=UnitFactory(
            district=district("6402"),
            subdistrict_id="640201",
            target_type=TargetType.LEADER,
            name="นางสายใจ ดีงาม",
            sub_type="อช./ผู้นำ อช.",
        ),
    )
    return year, y64


def test_national_staff_see_every_province_with_figures_and_a_map(as_user, centre, two_provinces):
    year, y64 = two_provinces
    r = as_user(centre).get("/app/national/?year=2570")
    assert r.status_code == 200
    html = r.content.decode()
    assert "พิษณุโลก" in html and "สุโขทัย" in html and "เชียงใหม่" in html
    assert f"/app/dashboard/?province=64&amp;year={y64.pk}" in html
    assert f"/app/dashboard/?province=65&amp;year={year.pk}" in html
    assert "ยังไม่เปิดปีงบประมาณนี้" in html  # 75 provinces without the year: a dash, not an error
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    root = ET.fromstring(svg)
    codes = {p.get("data-code") for p in root.iter("{http://www.w3.org/2000/svg}path") if p.get("data-code")}
    assert len(codes) == 77
    assert "Royal Thai Survey Department; OCHA" in html


def test_national_viewer_reads_it_too_and_provincial_people_get_404(
    as_user, national, staff, officer, stranger, two_provinces
):
    assert as_user(national).get("/app/national/").status_code == 200
    for user in (staff, officer, stranger):
        assert as_user(user).get("/app/national/").status_code == 404
        assert (
            as_user(user).post("/app/national/summary/", {"year": 2570, "format": "pdf"}).status_code == 404
        )


def test_sort_and_bad_input_never_500(as_user, centre, two_provinces):
    c = as_user(centre)
    html = c.get("/app/national/", {"year": "2570", "sort": "-enrolled"}).content.decode()
    html = html.split("national-table")[1]
    assert html.index("พิษณุโลก</a>") < html.index("สุโขทัย</a>")  # 3 units before 2
    html = c.get("/app/national/", {"year": "2570", "sort": "enrolled"}).content.decode()
    html = html.split("national-table")[1]
    assert html.index("สุโขทัย</a>") < html.index("พิษณุโลก</a>")
    for bad in ({"year": "abc"}, {"year": "1999"}, {"sort": "drop table"}, {"metric": "x" * 500}):
        r = c.get("/app/national/", bad)
        assert r.status_code == 200
        assert "ค่าตัวกรองบางค่าไม่ถูกต้อง" in r.content.decode()
    html = c.get("/app/national/", {"year": "2570", "metric": "certified"}).content.decode()
    assert "ใบรับรองที่ออก" in html


def test_constant_number_of_queries(as_user, centre, two_provinces, django_assert_max_num_queries):
    c = as_user(centre)
    with CaptureQueriesContext(connection) as first:
        assert c.get("/app/national/?year=2570").status_code == 200
    for code in ("50", "53", "60"):
        y = programme_year(code=code, fy=2570)
        d = district(f"{code}01")
        EnrolmentFactory(year=y, unit=UnitFactory(district=d, subdistrict_id=f"{code}0101"))
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert c.get("/app/national/?year=2570").status_code == 200


def test_overview_counts(two_provinces):
    from apps.geo.models import Province
    from apps.reporting.national import national_overview, sort_rows

    data = national_overview(2570, Province.objects.order_by("code"))
    rows = {r["province"].code: r for r in data["rows"]}
    assert rows["65"]["enrolled"] == 3 and rows["64"]["enrolled"] == 2
    assert rows["64"]["passed"] == 1 and rows["64"]["stages"][4] == 1
    assert rows["10"]["year_id"] is None and rows["10"]["enrolled"] is None
    leader = next(c for c in rows["64"]["by_type"] if c["type"] == TargetType.LEADER)
    assert leader["enrolled"] == 1 and leader["target"] == 9  # no target rows: 1 per district (guideline 1.2)
    assert data["totals"]["enrolled"] == 5 and data["totals"]["provinces"] == 2
    assert [r["province"].code for r in sort_rows(data["rows"], "-enrolled")[:2]] == ["65", "64"]


def test_dashboard_works_for_every_province_the_viewer_reads(as_user, national, centre, two_provinces):
    """The 404 of issue 20: a national viewer on a province other than Phitsanulok."""
    for user in (national, centre):
        c = as_user(user)
        r = c.get("/app/dashboard/?province=64")
        assert r.status_code == 200
        html = r.content.decode()
        assert "สุโขทัย" in html and "Royal Thai Survey Department; OCHA" in html
        assert "district=6401" in html  # the district map links to the district's units
        r = c.get("/app/dashboard/?province=10")  # Bangkok has opened no year: an empty dashboard, not 404
        assert r.status_code == 200
        assert "ยังไม่ได้เปิดปีงบประมาณ" in r.content.decode()
        assert c.get("/app/review/?province=64").status_code == 200
        assert c.get("/app/review/?province=10").status_code == 200


def test_provincial_staff_still_cannot_read_another_province(as_user, stranger, two_provinces):
    c = as_user(stranger)
    assert c.get("/app/dashboard/?province=64").status_code == 404
    assert c.get("/app/dashboard/?province=50").status_code == 200  # their own, without a year: empty


def test_national_summary_pdf_and_xlsx(as_user, centre, two_provinces, django_capture_on_commit_callbacks):
    from openpyxl import load_workbook

    c = as_user(centre)
    for fmt in ("pdf", "xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            r = c.post("/app/national/summary/", {"year": 2570, "format": fmt})
        assert r.status_code == 302
        gf = GeneratedFile.objects.filter(owner=centre).order_by("-pk").first()
        assert gf.status == GeneratedFile.Status.DONE, gf.error if hasattr(gf, "error") else gf.status
        data = gf.file.read()
        if fmt == "pdf":
            assert data.startswith(b"%PDF")
            import subprocess
            import tempfile

            with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
                f.write(data)
                f.flush()
                text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True).stdout
            assert "สุโขทัย" in text and "พิษณุโลก" in text and "ระดับประเทศ" in text
        else:
            wb = load_workbook(io.BytesIO(data))
            ws = wb.worksheets[0]
            values = [[c.value for c in row] for row in ws.iter_rows()]
            by_code = {row[0]: row for row in values[1:]}
            assert by_code["64"][1] == "สุโขทัย" and by_code["10"][2] == "ยังไม่เปิดปีงบประมาณนี้"
            header = values[0]
            assert by_code["65"][header.index("เข้าสู่ระบบ")] == 3
            assert values[-1][1] == "รวมทั้งประเทศ" and values[-1][header.index("เข้าสู่ระบบ")] == 5
        # Only the owner downloads it.
        assert c.get(f"/app/files/{gf.token}/download/").status_code in (200, 302)


def test_bad_summary_request_is_a_thai_message(as_user, centre, two_provinces):
    r = as_user(centre).post("/app/national/summary/", {"year": "abc", "format": "doc"}, follow=True)
    assert r.status_code == 200
    assert "กรุณาเลือกปีงบประมาณและรูปแบบไฟล์ให้ถูกต้อง" in r.content.decode()
    assert not GeneratedFile.objects.exists()


def test_national_staff_role_in_scope(centre):
    s = centre.scope
    assert s.is_national and s.is_national_staff and s.all_provinces and s.reads_the_country
    assert not s.manages_province("65")
    assert province("64") is not None
