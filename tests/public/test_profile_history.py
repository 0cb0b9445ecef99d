"""A certified unit's public profile lists its certificates issued before the system too (issue 20 item 5)."""

import pytest

from apps.certification.models import HistoricCertificate, new_public_code
from apps.public.selectors import unit_slug


@pytest.mark.django_db
def test_profile_shows_the_history_since_2547(client, published):
    unit = published.unit
    HistoricCertificate.objects.create(
        province_id=unit.district.province_id,
        unit=unit,
        fiscal_year=2552,
        number="มชช.65/2552/0031",
        code=new_public_code(),
    )
    page = client.get(f"/units/{unit.pk}-{unit_slug(unit.name)}/").content.decode()
    assert "มชช.65/2552/0031 (ออกก่อนใช้ระบบ)" in page and "ปีงบประมาณ 2552" in page
    assert page.index("ปีงบประมาณ 2569") < page.index("ปีงบประมาณ 2552")  # newest first
