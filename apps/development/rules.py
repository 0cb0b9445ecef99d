import rules

from apps.accounts.rules import (
    can_edit_district_work,
    can_manage_province,
    is_admin,
    is_district_officer,
    is_national_staff,
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

# The centre's catalogue (NationalCatalogue): national staff draft, publish and version it; provincial staff and
# the centre read published versions (to adopt them); provincial staff adopt one into a year they manage.
rules.add_perm("development.manage_national", is_admin | is_national_staff)
rules.add_perm("development.read_national", is_admin | is_national_viewer | is_province_staff)
rules.add_perm("development.adopt_national", is_admin | is_province_staff)
# Which version each province uses: the centre's page (every province), 404 for anyone else.
rules.add_perm("development.view_adoptions", is_admin | is_national_viewer)
