import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pptx import Presentation

from apps.evaluation.models import Exemplar

pytestmark = pytest.mark.django_db


def _pptx_bytes():
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6])
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_district_nominates_uploads_and_generates(
    as_user,
    officer,
    neighbour,
    staff,
    national,
    stranger,
    year,
    enrolment,
    django_capture_on_commit_callbacks,
):
    """Guideline 2.8: อำเภอคัดเลือกกลุ่มเป้าหมายต้นแบบ อำเภอละ ๑ หน่วยนับ นำเสนอด้วย PowerPoint."""
    c = as_user(officer)
    assert c.get(f"/app/evaluation/exemplars/?year={year.pk}").status_code == 200
    url = f"/app/evaluation/exemplars/{year.pk}/6501/nominate/"
    assert c.get(url).status_code == 200
    r = c.post(url, {"enrolment": enrolment.pk, "reason": "ผลงานโดดเด่นด้านการออม"})
    assert r.status_code == 302
    ex = Exemplar.objects.get()
    assert as_user(neighbour).get(url).status_code == 403
    assert as_user(stranger).get(url).status_code == 404
    detail = f"/app/evaluation/exemplars/{ex.pk}/"
    c = as_user(officer)
    bad = SimpleUploadedFile("slides.key", b"xx")
    r = c.post(detail, {"presentation": bad})
    assert r.status_code == 200 and "ไฟล์ชนิดนี้ใช้ไม่ได้" in r.content.decode()
    r = c.post(detail, {"presentation": SimpleUploadedFile("exemplar.pptx", _pptx_bytes())})
    assert r.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post(f"/app/evaluation/exemplars/{ex.pk}/generate/").status_code == 302
    ex.refresh_from_db()
    assert ex.generated.status == "done"
    for which in ("upload", "generated"):
        r = as_user(staff).get(f"/app/evaluation/exemplars/{ex.pk}/download/{which}/")
        assert r.status_code == 200
    data = b"".join(r.streaming_content)
    text = " ".join(
        sh.text_frame.text
        for s in Presentation(io.BytesIO(data)).slides
        for sh in s.shapes
        if sh.has_text_frame
    )
    assert enrolment.unit.name in text and "ต้นแบบอำเภอเมืองพิษณุโลก" in text and "แผนพัฒนาตนเอง" in text
    # readers may read, not act; strangers see nothing
    assert as_user(national).get(detail).status_code == 200
    assert (
        as_user(national)
        .post(detail, {"presentation": SimpleUploadedFile("a.pptx", _pptx_bytes())})
        .status_code
        == 403
    )
    assert as_user(national).post(f"/app/evaluation/exemplars/{ex.pk}/generate/").status_code == 403
    assert as_user(stranger).get(detail).status_code == 404
    assert as_user(stranger).get(f"/app/evaluation/exemplars/{ex.pk}/download/upload/").status_code == 404
    assert as_user(neighbour).get(f"/app/evaluation/exemplars/{ex.pk}/download/upload/").status_code == 404
    assert as_user(staff).get(f"/app/evaluation/exemplars/{ex.pk}/download/nothing/").status_code == 404


def test_one_exemplar_per_district_and_only_its_own_units(as_user, officer, year, enrolment, enrolment_6505):
    from django.core.exceptions import ValidationError

    from apps.evaluation import exemplars
    from tests.factories import district

    with pytest.raises(ValidationError, match="ของอำเภอนี้"):
        exemplars.nominate(year, district("6501"), enrolment_6505, by=officer)
    exemplars.nominate(year, district("6501"), enrolment, by=officer)
    exemplars.nominate(year, district("6501"), enrolment, by=officer, reason="เปลี่ยนเหตุผล")
    assert Exemplar.objects.count() == 1
