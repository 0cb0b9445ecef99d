"""Pages that name many things read them together: the landing page's role chips, the unit list's sub-types."""

import pytest

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment
from apps.registry.models import SubType
from tests.factories import district, province

pytestmark = pytest.mark.django_db


def test_landing_page_names_every_role_without_a_query_each(as_user, officer, django_assert_max_num_queries):
    """An officer holds a role per fiscal year (and may sit on the district committee): the chips on /app/ name
    the district of each, read in one query whatever their number."""
    for fy in (2566, 2567):
        RoleAssignment.objects.create(
            user=officer, role=Role.DISTRICT_OFFICER, district=district("6501"), fiscal_year=fy
        )
    RoleAssignment.objects.create(
        user=officer, role=Role.SUBCOMMITTEE_MEMBER, province=province("65"), fiscal_year=2567
    )
    c = as_user(officer)
    c.get("/app/")
    with django_assert_max_num_queries(40) as few:
        c.get("/app/")
    for fy in (2568, 2569, 2570):
        RoleAssignment.objects.create(
            user=officer, role=Role.DISTRICT_OFFICER, district=district("6501"), fiscal_year=fy
        )
    RoleAssignment.objects.create(user=officer, role=Role.DISTRICT_COMMITTEE, district=district("6502"))
    RoleAssignment.objects.create(
        user=officer, role=Role.SUBCOMMITTEE_MEMBER, province=province("65"), fiscal_year=2570
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = c.get("/app/").content.decode()
    assert body.count("เมืองพิษณุโลก") >= 6 and "ปี 2570" in body and "นครไทย" in body


def test_unit_list_offers_each_sub_type_name_once(as_user, officer, year):
    """A sub-type name is unique per target type only: the filter lists a name shared by two types once."""
    SubType.objects.create(year=year, target_type="group", name="อื่น ๆ", order=90)
    SubType.objects.create(year=year, target_type="network", name="อื่น ๆ", order=90)
    body = as_user(officer).get(f"/app/units/?year={year.pk}").content.decode()
    assert body.count("<option >อื่น ๆ</option>") + body.count("<option>อื่น ๆ</option>") == 1
