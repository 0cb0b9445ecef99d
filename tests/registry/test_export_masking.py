"""Issue 19 item 3: no page or export of the staff area shows a full national ID — every 200 of the permission
matrix (pages, xlsx, PDF, the generated-file download), for the district that owns the units and the province.
Only the reveal page (after a reasoned POST) and the separate full-ID export show one."""

import copy
import re
import shutil
import subprocess

import pytest
from django.test import Client

from tests.test_permission_matrix import MATRIX, NO_TEXT, P, _media, _text_of, dataset, url_of  # noqa: F401, F811

REVEALS = {"registry:unit_reveal_id"}  # the GET shows the form and the mask only; asserted too


def _plain(body, content_type, tmp_path):
    if content_type.startswith("application/pdf"):
        if not shutil.which("pdftotext"):
            return ""
        out = tmp_path / "x.pdf"
        out.write_bytes(body)
        return subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    return _text_of(body, content_type)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["d6501", "prov"])
def test_no_staff_page_or_export_shows_a_full_national_id(dataset, persona, tmp_path):  # noqa: F811
    from apps.registry.models import Unit

    ids = {u.national_id for u in Unit.objects.exclude(national_id="")}
    assert ids
    column = P.index(persona)
    leaks, read = {}, 0
    for name, row in sorted(MATRIX.items()):
        if row[column] != 200 or name.startswith("public:") or name in NO_TEXT:
            continue
        client = Client()
        client.cookies = copy.deepcopy(dataset.cookies[persona])
        r = client.get(url_of(dataset, name))
        body = b"".join(r.streaming_content) if r.streaming else r.content
        text = re.sub(r"[\s\-]", "", _plain(body, r.headers.get("Content-Type", ""), tmp_path))
        read += 1
        found = [i for i in ids if i in text]
        if found:
            leaks[name] = len(found)
    assert read > 50 and not leaks, leaks
