"""Fixtures for reports to the province: a year with units enrolled in 6501 and 6502, photos."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from apps.registry.enums import Stage, TargetType
from apps.registry.models import Photo
from tests.factories import EnrolmentFactory, UnitFactory, district

BKK = ZoneInfo("Asia/Bangkok")


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, 0, tzinfo=BKK)


def jpeg_bytes(color=(31, 95, 153)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 80), color).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def units(year):
    """6501: a new group, a carried-over leader; 6502: one group."""
    e1 = EnrolmentFactory(year=year, unit=UnitFactory(name="กลุ่มออมทรัพย์บ้านหนองพิกุล"))
    e2 = EnrolmentFactory(
        year=year,
        carried_over=True,
        stage=Stage.REINFORCEMENT,
        unit=UnitFactory(target_type=TargetType.LEADER, name="นายบุญมี ทองดี", sub_type="อช./ผู้นำ อช."),
    )
    e3 = EnrolmentFactory(year=year, unit=UnitFactory(district=district("6502"), name="กลุ่มอาชีพบ้านนครไทย"))
    return [e1, e2, e3]


@pytest.fixture
def photo(year, units):
    def make(caption="ประชุมคณะกรรมการ มชช. อำเภอ", content=None, stage=Stage.PREPARATION, code="6501"):
        p = Photo(
            year=year, district=district(code), stage=stage, caption=caption, taken_on=dt.date(2026, 10, 15)
        )
        p.image.save("p.jpg", ContentFile(content if content is not None else jpeg_bytes()), save=False)
        p.save()
        return p

    return make
