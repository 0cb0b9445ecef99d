"""Public recognition (guideline 2.11–2.12): a profile shows the unit's honours — not one whose certificate was
revoked since — and, for a district exemplar, its story and lessons; the home lists this year's exemplars."""

import pytest
from django.core.cache import cache
from django.utils.encoding import iri_to_uri

from apps.evaluation.models import Exemplar
from apps.public.selectors import unit_slug

from .factories import certified_unit, certify, honour

pytestmark = pytest.mark.django_db


def url(unit):
    return iri_to_uri(f"/units/{unit.pk}-{unit_slug(unit.name)}/")


def test_exemplar_story_on_the_profile_and_the_home(client):
    unit = certified_unit()
    Exemplar.objects.create(
        year=unit.certificates.get().year,
        district=unit.district,
        enrolment=unit.enrolments.get(),
        story="กลุ่มเริ่มจากสมาชิก 20 คนที่รวมกันออมเงิน",
        lessons="ความโปร่งใสของบัญชี\nโทรหาประธาน 081-234-5678",
    )
    body = client.get(url(unit)).content.decode()
    assert "ต้นแบบอำเภอเมืองพิษณุโลก ปีงบประมาณ 2569" in body
    assert "กลุ่มเริ่มจากสมาชิก 20 คน" in body and "ความโปร่งใสของบัญชี" in body
    assert "081-234-5678" not in body  # a line with personal data is withheld, the others stay
    home = client.get("/").content.decode()
    assert "ต้นแบบอำเภอ ปีงบประมาณ 2569" in home and unit.name in home


def test_an_honour_whose_certificate_was_revoked_since_is_not_shown(client):
    unit = certified_unit()
    honour(unit)
    assert "โล่รางวัลหน่วยนับดีเด่น" in client.get(url(unit)).content.decode()
    certify(unit, fy=2570)  # still public through its 2570 certificate
    cert = unit.certificates.get(year__fiscal_year=2569)
    from django.utils import timezone

    cert.revoked_at = timezone.now()
    cert.save(update_fields=["revoked_at"])
    cache.clear()
    body = client.get(url(unit)).content.decode()
    assert unit.name in body and "โล่รางวัลหน่วยนับดีเด่น" not in body
