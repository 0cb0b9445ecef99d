import pytest

from apps.registry.enums import Stage

from .factories import enrolment, make_set


@pytest.fixture
def sset(year):
    return make_set(year)


@pytest.fixture
def unit_e(year, sset):
    """An enrolment of 6501 in stage 3 (learning reinforcement)."""
    return enrolment(year, Stage.REINFORCEMENT)
