"""Builders for the development tests (the guideline fixes no indicator: these are test data)."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.development.models import Component, Indicator, StandardSet
from apps.registry.enums import Stage, TargetType
from tests.factories import EnrolmentFactory, UnitFactory


def make_set(
    year,
    target_type=TargetType.GROUP,
    *,
    published=True,
    weights=(40, 30, 30),
    mandatory=(True,),
    min_percent=Decimal("60"),
    version=1,
    title="ชุดทดสอบ",
):
    """One component, indicators G1.. : the first is pass/fail, the others scored 0–5 (pass at 3)."""
    s = StandardSet.objects.create(
        year=year,
        target_type=target_type,
        version=version,
        title=title,
        is_published=published,
        min_percent=min_percent,
    )
    comp = Component.objects.create(standard_set=s, order=1, name="การบริหารจัดการกลุ่ม")
    for n, w in enumerate(weights, start=1):
        pf = n == 1
        Indicator.objects.create(
            component=comp,
            order=n,
            code=f"G{n}",
            text=f"ตัวชี้วัดทดสอบข้อ {n}",
            weight=Decimal(w),
            scale=Indicator.Scale.PASS_FAIL if pf else Indicator.Scale.SCORE,
            max_score=1 if pf else 5,
            pass_score=1 if pf else 3,
            mandatory=n <= len(mandatory) and mandatory[n - 1],
        )
    return s


def enrolment(year, stage=Stage.REINFORCEMENT, district="6501", **kw):
    from tests.factories import district as get_district

    return EnrolmentFactory(unit=UnitFactory(district=get_district(district)), year=year, stage=stage, **kw)


def png(name="photo.png", color=(200, 100, 50)):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def scores_post(standard_set, values, version):
    """POST data for the assessment form: values = [score per indicator in order]."""
    from apps.development.selectors import indicators_of

    data = {"version": version, "assessed_on": "10/12/2569", "participants": "สมาชิก 12 คน", "note": ""}
    for i, v in zip(indicators_of(standard_set), values, strict=False):
        data[f"score_{i.pk}"] = "" if v is None else str(v)
        data[f"note_{i.pk}"] = "หลักฐาน"
    return data
