"""The evaluation fixtures (committees, rounds, seats) for the documents made from them."""

from tests.evaluation.conftest import (  # noqa: F401
    _fast_passwords,
    chair,
    cmember,
    committee_round,
    district_committee,
    district_round,
    enrolment,
    enrolment_6505,
    other_zone,
    passed_district,
    province_committee,
    standard_set,
    zone_chair,
    zone_committee,
    zone_local,
    zone_member,
    zone_round,
    zones,
)
