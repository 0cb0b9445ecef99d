"""Certified units for the public-site tests (certificates belong to the certification app; we only make rows)."""

import datetime as dt
import io

from django.core.files.base import ContentFile

from apps.certification.models import Certificate, Honour
from apps.registry.enums import Outcome, Stage, TargetType
from apps.registry.models import Enrolment, Photo
from tests.factories import UnitFactory, VillageFactory, programme_year

_seq = {"n": 0}


def certify(unit, fy=2569, certified_on=None, revoked=False):
    year = programme_year(fy=fy)
    enrolment, _ = Enrolment.objects.get_or_create(
        unit=unit, year=year, defaults={"stage": Stage.EVALUATION, "outcome": Outcome.CERTIFIED}
    )
    _seq["n"] += 1
    cert = Certificate.objects.create(
        year=year,
        unit=unit,
        enrolment=enrolment,
        seq=_seq["n"],
        number=f"มชช.65/{fy}/{_seq['n']:04d}",
        certified_on=certified_on or dt.date(fy - 543, 8, 20),
    )
    if revoked:
        from django.utils import timezone

        cert.revoked_at = timezone.now()
        cert.revoked_reason = "ข้อมูลภายใน: ตรวจพบเอกสารไม่ถูกต้อง"
        cert.save(update_fields=["revoked_at", "revoked_reason"])
    return cert


def certified_unit(fy=2569, **kwargs):
    kwargs.setdefault("subdistrict_id", "650101")
    unit = UnitFactory(**kwargs)
    certify(unit, fy=fy)
    return unit


def leader(**kwargs):
    """A person: the private fields (national ID, phone, address) are filled so tests can look for leaks."""
    village = VillageFactory()
    defaults = dict(
        target_type=TargetType.LEADER,
        sub_type="อช./ผู้นำ อช.",
        name="นางสมศรี ใจงาม",
        title="นาง",
        first_name="สมศรี",
        last_name="ใจงาม",
        position="ผู้นำ อช.",
        national_id="3650100123456",
        phone="0891234567",
        address="99/1 หมู่ 3 ถนนลับเฉพาะ",
        village=village,
        subdistrict_id=village.subdistrict_id,
        consent_given_by="นางสมศรี ใจงาม",
    )
    defaults.update(kwargs)
    return UnitFactory(**defaults)


def jpeg():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "#2f7d5b").save(out, "JPEG")
    return out.getvalue()


def photo(unit, *, public=True, caption="ภาพกิจกรรม"):
    p = Photo(
        district_id=unit.district_id,
        year=programme_year(fy=2569),
        unit=unit,
        stage=Stage.EVALUATION,
        caption=caption,
        is_public=public,
        taken_on=dt.date(2026, 6, 1),
    )
    p.image.save("p.jpg", ContentFile(jpeg()), save=False)
    p.save()
    return p


def honour(unit, fy=2569):
    return Honour.objects.create(
        unit=unit,
        year=programme_year(fy=fy),
        kind_id=Honour.Kind.PLAQUE,
        title="โล่รางวัลหน่วยนับดีเด่น",
        given_by="ผู้ว่าราชการจังหวัดพิษณุโลก",
        given_on=dt.date(2026, 9, 15),
    )
