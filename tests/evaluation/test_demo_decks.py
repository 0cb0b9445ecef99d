import io

import pytest
from django.core.management import call_command
from pptx import Presentation

from apps.evaluation.models import Exemplar


@pytest.mark.django_db
def test_demo_has_nine_decks_for_fy_2569_with_their_summaries(settings):
    """Guideline 2.8: อำเภอละ ๑ หน่วยนับ — the nine districts of Phitsanulok each present one deck in August."""
    settings.DEBUG = True
    call_command("seed_demo")
    decks = Exemplar.objects.filter(year__fiscal_year=2569).select_related("generated", "enrolment__unit")
    assert decks.count() == 9
    for ex in decks:
        assert ex.story and ex.lessons and ex.partners
        assert ex.generated.status == "done"
        with ex.generated.file.open("rb") as fh:
            prs = Presentation(io.BytesIO(fh.read()))
        text = " ".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
        assert ex.enrolment.unit.name in text and "None" not in text
        assert any(sh.has_chart for s in prs.slides for sh in s.shapes)
