"""Who may do what with offices, registers and documents."""

import rules

from apps.accounts.rules import (
    can_manage_province,
    is_admin,
    is_district_officer,
    is_national_viewer,
    is_province_staff,
)

reads_offices = is_admin | is_province_staff | is_district_officer | is_national_viewer


@rules.predicate
def works_in_office_district(user, office):
    office = getattr(office, "office", office)
    return (
        office is not None
        and office.district_id is not None
        and office.district_id in user.scope.district_ids
    )


def _office(obj):
    return getattr(obj, "office", obj)


@rules.predicate
def manages_office_province(user, obj):
    return obj is not None and user.scope.manages_province(_office(obj).province_id)


# The province enters every office's settings (prefix, signatories, emblem).
rules.add_perm("paperwork.manage_office", is_admin | manages_office_province)
# Numbers are cancelled by whoever runs the office's register: the province, or the district for its own.
rules.add_perm("paperwork.manage_register", is_admin | manages_office_province | works_in_office_district)
rules.add_perm("paperwork.reissue", is_admin | manages_office_province | works_in_office_district)
__all__ = ["can_manage_province", "reads_offices"]
