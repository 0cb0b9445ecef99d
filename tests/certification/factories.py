import datetime as dt

from apps.certification.services import issue_certificate
from apps.registry.enums import Outcome, Stage
from tests.factories import EnrolmentFactory, UnitFactory, district


def certified_enrolment(year, district_code="6501", **unit_kw):
    unit = UnitFactory(district=district(district_code), **unit_kw)
    return EnrolmentFactory(unit=unit, year=year, stage=Stage.EVALUATION, outcome=Outcome.CERTIFIED)


def certificate(year, by, district_code="6501", certified_on=dt.date(2027, 8, 27), **kw):
    return issue_certificate(certified_enrolment(year, district_code), by=by, certified_on=certified_on, **kw)
