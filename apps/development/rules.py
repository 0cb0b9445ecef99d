import rules

from apps.accounts.rules import (
    can_edit_district_work,
    can_manage_province,
    is_admin,
    is_district_officer,
    is_national_viewer,
    is_province_staff,
    is_staff_user,
)

# Catalogue: provincial staff of the set's province edit it; everyone who can see it reads it.
rules.add_perm("development.manage_catalogue", can_manage_province)
rules.add_perm("development.add_catalogue", is_admin | is_province_staff)
# Work on a unit (assessment, plan, visits, stage moves): its district officer, provincial staff, admin.
rules.add_perm("development.edit_unit_work", can_edit_district_work)

reads_units = is_admin | is_province_staff | is_district_officer | is_national_viewer
sees_catalogue = is_staff_user
