"""The exemplar's deck (guideline 2.8: "นำเสนอด้วย PowerPoint ต่อคณะกรรมการระดับจังหวัด"): what it says, that the chart
holds the scores, that photos sit inside their boxes at their own proportions, that Thai is set in Sarabun, that
a long name shrinks instead of overflowing, and that no personal data reaches a slide."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn

from apps.development.models import Activity, Answer, Goal, Plan, SelfAssessment
from apps.evaluation import exemplars, services
from apps.evaluation.deck import gather
from apps.evaluation.models import Exemplar
from apps.evaluation.slides import build, fit
from apps.registry.enums import Stage
from apps.registry.models import Photo
from tests.evaluation.conftest import submit
from tests.factories import district

pytestmark = pytest.mark.django_db


def _image(size, colour):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def _photo(unit, year, stage, size, caption, day):
    p = Photo(
        district_id=unit.district_id,
        year=year,
        unit=unit,
        stage=stage,
        caption=caption,
        taken_on=dt.date(2027, 1, day),
    )
    p.image.save("p.jpg", ContentFile(_image(size, "#2f7d5b")), save=False)
    p.save()
    return p


@pytest.fixture
def exemplar(year, enrolment, officer, district_round, standard_set):
    unit = enrolment.unit
    plan = Plan.objects.get(enrolment=enrolment)
    goal = Goal.objects.create(plan=plan, order=1, text="สมาชิกออมเงินทุกเดือน")
    Activity.objects.create(
        plan=plan,
        goal=goal,
        what="อบรมการทำบัญชีครัวเรือน",
        starts_on=dt.date(2027, 1, 5),
        ends_on=dt.date(2027, 1, 6),
        who="คณะกรรมการกลุ่ม",
        partner="ธ.ก.ส. สาขาเมืองพิษณุโลก, โรงเรียนบ้านสระโคล่",
        progress="done",
        progress_note="สมาชิกทำบัญชีครบร้อยละ 90",
    )
    sa = SelfAssessment.objects.get(enrolment=enrolment)
    for ind, score in zip(standard_set.components.get().indicators.order_by("order"), (3, 3, 1), strict=True):
        Answer.objects.create(assessment=sa, indicator=ind, score=Decimal(score))
    entry = services.add_entry(district_round, enrolment, by=officer)
    members = [s.user for s in district_round.committee.members.all()]
    submit(entry, members[0], Decimal(4))
    submit(entry, members[1], Decimal(5))
    _photo(unit, year, Stage.REINFORCEMENT, (1600, 900), "เวทีเรียนรู้ครั้งแรก", 5)
    _photo(unit, year, Stage.REINFORCEMENT, (600, 900), "ศึกษาดูงานกลุ่มต้นแบบ", 20)
    _photo(unit, year, Stage.EVALUATION, (800, 800), "นำเสนอต่อคณะกรรมการ", 28)
    ex = exemplars.nominate(year, district("6501"), enrolment, by=officer, reason="ผลงานโดดเด่นด้านการออม")
    return exemplars.write_summary(
        ex,
        story="กลุ่มเริ่มจากสมาชิก 20 คนที่รวมกันออมเงินเดือนละ 100 บาท ปัจจุบันเป็นแหล่งทุนของหมู่บ้าน",
        lessons="ความโปร่งใสของบัญชี\nการประชุมทุกเดือน",
        partners="องค์การบริหารส่วนตำบลสระโคล่",
        by=officer,
    )


def _texts(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame.text
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield cell.text_frame.text


def test_deck_says_what_the_unit_did_and_nothing_broken(exemplar):
    prs = Presentation(io.BytesIO(build(exemplar)))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9
    text = "\n".join(_texts(prs))
    for broken in ("None", "[object", "development.", "Goal."):
        assert broken not in text
    unit = exemplar.enrolment.unit
    for expected in (
        unit.name,
        "ต้นแบบอำเภอเมืองพิษณุโลก",
        "สมาชิกออมเงินทุกเดือน",  # the plan's goal
        "อบรมการทำบัญชีครัวเรือน",
        "สมาชิกทำบัญชีครบร้อยละ 90",  # what was achieved against it
        "กลุ่มเริ่มจากสมาชิก 20 คน",  # the district's story
        "ความโปร่งใสของบัญชี",  # lessons
        "องค์การบริหารส่วนตำบลสระโคล่",  # partners typed by the district
        "ธ.ก.ส. สาขาเมืองพิษณุโลก",  # partners of the plan
        "สำนักงานพัฒนาชุมชนอำเภอเมืองพิษณุโลก",  # the office to contact
        "ก่อน",
        "หลัง",
    ):
        assert expected in text, expected


def test_photos_are_placed_inside_the_slide_at_their_own_proportions(exemplar):
    prs = Presentation(io.BytesIO(build(exemplar)))
    ratios = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type == 13:  # picture
                assert shape.left >= 0 and shape.top >= 0
                assert shape.left + shape.width <= prs.slide_width
                assert shape.top + shape.height <= prs.slide_height
                ratios.append(round(shape.width / shape.height, 2))
    # the logo (1:1) and the three photos: 16:9, 2:3 and 1:1, none stretched
    assert sorted(ratios) == sorted([1.0, round(1600 / 900, 2), round(600 / 900, 2), 1.0])


def test_chart_holds_the_scores_by_standard(exemplar):
    """Self-assessment 3, 3, pass → (40·3/5 + 40·3/5 + 20·1)/100 = 68 %; the committee's means 4.5, 4.5, pass →
    (40·4.5/5 + 40·4.5/5 + 20) = 92 %."""
    prs = Presentation(io.BytesIO(build(exemplar)))
    charts = [sh.chart for s in prs.slides for sh in s.shapes if sh.has_chart]
    assert len(charts) == 1
    chart = charts[0]
    assert list(chart.plots[0].categories) == ["ด้านการบริหารจัดการ"]
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    assert series["ประเมินตนเอง"] == [68.0]
    assert [v for k, v in series.items() if k != "ประเมินตนเอง"] == [[92.0]]
    deck = gather(exemplar)
    assert [float(v) for v in deck.chart_series[1][1]] == [92.0]


def test_thai_is_set_in_sarabun_on_every_run_and_in_the_theme(exemplar):
    prs = Presentation(io.BytesIO(build(exemplar)))
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame.paragraphs:
                for r in p.runs:
                    cs = r._r.rPr.find(qn("a:cs"))
                    assert cs is not None and cs.get("typeface") == "Sarabun", r.text
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    assert theme.blob.count(b'typeface="Sarabun"') >= 4


def test_a_long_name_shrinks_and_never_overflows():
    name = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองน้ำใสพัฒนาร่วมใจสามัคคีเพื่อความยั่งยืนของชุมชน" * 3
    from pptx.util import Emu

    lines, size = fit([name], Emu(11277600), Emu(2000000), 48, 26)
    assert 26 <= size < 48
    lines, size = fit([name * 4], Emu(11277600), Emu(2000000), 48, 26)
    assert size == 26 and lines[-1].endswith("…")


def test_personal_data_is_refused_in_the_summary_and_withheld_from_slides(exemplar, as_user, officer):
    with pytest.raises(ValidationError) as exc:
        exemplars.write_summary(
            exemplar, story="ติดต่อประธานกลุ่ม 081-234-5678", lessons="", partners="", by=officer
        )
    assert "081-234-5678" in str(exc.value)
    exemplar.refresh_from_db()
    assert exemplar.story.startswith("กลุ่มเริ่มจากสมาชิก")  # the saved text is untouched
    # through the page: the draft stays in the form with the Thai message
    c = as_user(officer)
    r = c.post(
        f"/app/evaluation/exemplars/{exemplar.pk}/summary/",
        {"story": "บ้านเลขที่ 12/3 หมู่ 4 คือที่ทำการกลุ่ม", "lessons": "", "partners": ""},
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "บ้านเลขที่ 12/3 หมู่ 4" in body and "ที่อยู่บ้านเลขที่" in body
    # a private text that got into the unit's own description is left off the slide, not printed
    Exemplar.objects.filter(pk=exemplar.pk).update(story="")
    unit = exemplar.enrolment.unit
    unit.description = "ประธานกลุ่มโทร 089-876-5432"
    unit.save(update_fields=["description"])
    exemplar.refresh_from_db()
    deck = gather(exemplar)
    assert deck.withheld == 1 and not deck.story
    text = "\n".join(_texts(Presentation(io.BytesIO(build(exemplar)))))
    assert "089-876-5432" not in text


def test_the_province_downloads_every_deck_in_one_zip(exemplar, as_user, staff, officer, neighbour, year):
    from apps.core.generated import PPTX, Built, record

    gf = record(
        exemplar, kind="exemplar_pptx", title="deck", by=officer, built=Built(build(exemplar), "x.pptx", PPTX)
    )
    Exemplar.objects.filter(pk=exemplar.pk).update(generated=gf)
    r = as_user(staff).get(f"/app/evaluation/exemplars/{year.pk}/decks.zip")
    assert r.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content))).namelist()
    assert names == ["6501-เมืองพิษณุโลก.pptx"]
    # a district of another exemplar-less district gets the page back with a message, not an empty zip
    r = as_user(neighbour).get(f"/app/evaluation/exemplars/{year.pk}/decks.zip")
    assert r.status_code == 302
