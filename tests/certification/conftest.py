import pytest

from .factories import certificate, certified_enrolment


@pytest.fixture
def enrolment(year):
    return certified_enrolment(year)


@pytest.fixture
def cert(year, staff):
    return certificate(year, staff)


@pytest.fixture
def neighbour_cert(year, staff):
    return certificate(year, staff, district_code="6502")
