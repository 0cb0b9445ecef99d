import shutil
import subprocess

import pytest
from django.template import engines

from apps.core.pdf import _local_path, render_pdf


@pytest.fixture
def thai_template(tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    (tmp_path / "t.html").write_text(
        "<h1>รายงาน มชช. ปี {{ fy }}</h1><p>ปู่ ป้า น้ำ ก๊ก ญี่ปุ่น ฐิติ ฎีกา ปิ่น ผึ้ง</p>", encoding="utf-8"
    )
    engines._engines = {}
    yield "t.html"
    engines._engines = {}


def test_pdf_embeds_sarabun(thai_template, tmp_path):
    pdf = render_pdf(thai_template, {"fy": 2570})
    assert pdf.startswith(b"%PDF")
    out = tmp_path / "t.pdf"
    out.write_bytes(pdf)
    assert shutil.which("pdffonts"), "poppler-utils is installed by scripts/sysdeps.sh"
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Sarabun" in fonts and "DejaVu" not in fonts


def test_url_fetcher_refuses_outside_files(settings):
    for url in [
        "http://example.com/x.png",
        "file:///etc/passwd",
        "https://mchch.local/media/../../etc/passwd",
    ]:
        with pytest.raises(ValueError):
            _local_path(url)
