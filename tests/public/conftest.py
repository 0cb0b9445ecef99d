import pytest

from apps.public import services

from .factories import certified_unit


@pytest.fixture
def unit(db):
    return certified_unit(name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองพิกุล")


@pytest.fixture
def published(unit, staff):
    profile = services.profile_for(unit)
    services.save_draft(
        profile,
        by=staff,
        summary="ระดมเงินออมจากสมาชิกทุกเดือน",
        results="หนี้ค้างชำระต่ำ",
        practices="ประชุมใหญ่เปิดเผยงบการเงิน",
        version=profile.version,
    )
    services.publish_profile(profile, by=staff)
    return profile
