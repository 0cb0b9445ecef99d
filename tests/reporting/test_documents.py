"""PDFs built by the Celery task (eager here; conftest), xlsx, charts."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.utils import timezone

from apps.core.models import GeneratedFile
from apps.core.tasks import build_generated_file, expire_generated_files
from apps.reporting import services
from apps.reporting.charts import columns, stacked_bars
from apps.reporting.documents import cell, submission_xlsx, tables_xlsx
from apps.reporting.models import Submission
from tests.factories import district

pytestmark = pytest.mark.django_db


def submitted(year, by, kind="applicant_list", capture=None):
    sub = services.get_or_create_submission(year, district("6501"), kind)
    if capture is None:
        return services.submit_report(sub, by=by)
    with capture(execute=True):
        return services.submit_report(sub, by=by)


def test_submit_builds_a_kept_pdf_through_the_task(
    year, units, officer, django_capture_on_commit_callbacks, tmp_path
):
    sub = submitted(year, officer, capture=django_capture_on_commit_callbacks)
    gf = GeneratedFile.objects.get(pk=sub.pdf_id)
    assert gf.status == GeneratedFile.Status.DONE and gf.progress == 100 and gf.keep and gf.expires_at is None
    data = gf.file.read()
    assert data.startswith(b"%PDF")
    out = tmp_path / "r.pdf"
    out.write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Sarabun" in fonts


def test_photo_report_survives_a_broken_image(
    year, units, officer, photo, django_capture_on_commit_callbacks
):
    photo()
    photo(caption="ภาพที่ไฟล์เสีย", content=b"not an image at all", stage=2)
    sub = submitted(year, officer, kind="photos", capture=django_capture_on_commit_callbacks)
    gf = GeneratedFile.objects.get(pk=sub.pdf_id)
    assert gf.status == GeneratedFile.Status.DONE, gf.error
    assert len(sub.snapshot["photos"]) == 2


def test_task_with_a_missing_object_logs_and_returns(year, units, officer):
    assert build_generated_file.delay(987654).get() is None
    sub = submitted(year, officer)  # no on_commit here: the file is still pending
    gf = sub.pdf
    Submission.objects.filter(pk=sub.pk).update(snapshot=None)  # as if the report vanished
    build_generated_file.delay(gf.pk)
    gf.refresh_from_db()
    assert gf.status == GeneratedFile.Status.FAILED and "ไม่พบข้อมูล" in gf.error and not gf.file


def test_storage_failure_retries_then_fails_without_a_half_file(year, units, officer, settings, tmp_path):
    sub = submitted(year, officer)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker  # every save raises OSError
    from mchch.celery import app

    app.conf.task_eager_propagates = False  # let eager mode run the retries as a worker would
    try:
        build_generated_file.delay(sub.pdf_id)
    finally:
        app.conf.task_eager_propagates = True
    gf = GeneratedFile.objects.get(pk=sub.pdf_id)
    assert gf.status == GeneratedFile.Status.FAILED and "ขัดข้อง" in gf.error and not gf.file


def test_preview_and_summary_expire_but_snapshots_are_kept(
    year, units, officer, staff, django_capture_on_commit_callbacks
):
    sub = submitted(year, officer, capture=django_capture_on_commit_callbacks)
    draft = services.get_or_create_submission(year, district("6501"), "plans")
    with django_capture_on_commit_callbacks(execute=True):
        preview = services.request_submission_pdf(draft, by=officer)
        summary = services.request_province_summary(year, by=staff)
    preview.refresh_from_db()
    summary.refresh_from_db()
    assert preview.status == summary.status == GeneratedFile.Status.DONE
    assert not preview.keep and preview.expires_at > timezone.now()
    GeneratedFile.objects.filter(pk__in=[preview.pk, summary.pk, sub.pdf_id]).update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    assert expire_generated_files() == 2
    assert GeneratedFile.objects.filter(pk=sub.pdf_id).exists()
    # a delivered report reuses its PDF instead of building another
    assert services.request_submission_pdf(Submission.objects.get(pk=sub.pk), by=officer).pk == sub.pdf_id


def test_xlsx_escapes_formulas_and_keeps_thai(year, units, officer):
    from openpyxl import load_workbook

    u = units[0].unit
    u.name = '=HYPERLINK("http://evil")'
    u.save()
    sub = submitted(year, officer)
    wb = load_workbook(io.BytesIO(submission_xlsx(sub.snapshot)))
    values = [c.value for row in wb["หน่วยนับ"].iter_rows() for c in row]
    assert '\'=HYPERLINK("http://evil")' in values and "นายบุญมี ทองดี" in values
    assert cell("+1") == "'+1" and cell("-") == "'-" and cell(5) == 5 and cell("ปกติ") == "ปกติ"
    wb = load_workbook(io.BytesIO(tables_xlsx([("ก", ["a"], [["@x"]])])))
    assert wb["ก"]["A2"].value == "'@x"


def test_charts_are_plain_svg_with_escaped_labels():
    svg = stacked_bars("หน่วยนับ", ["เมือง<script>"], [{"label": "ขั้น 1", "values": [3]}])
    assert svg.startswith("<svg") and "<script" not in svg and "&lt;script&gt;" in svg and ">3<" in svg
    svg = columns("รายปี", ["2569", "2570"], [{"label": "เข้าสู่ระบบ", "values": [10, 0]}])
    assert "2570" in svg and "<rect" in svg


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils")
def test_summary_pdf_renders_pages(year, units, staff, django_capture_on_commit_callbacks, tmp_path):
    with django_capture_on_commit_callbacks(execute=True):
        gf = services.request_province_summary(year, by=staff)
    gf.refresh_from_db()
    out = tmp_path / "s.pdf"
    out.write_bytes(gf.file.read())
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")], check=True
    )
    assert list(tmp_path.glob("p*.png"))
