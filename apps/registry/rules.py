import rules

from apps.accounts.rules import (
    can_edit_district_work,
    can_manage_province,
    is_admin,
    is_national_staff,
    is_province_staff,
)

rules.add_perm("registry.open_year", is_admin | is_province_staff)
# A province joins through the centre: its first year and first provincial staff account (issue 20 item 4).
rules.add_perm("registry.join_province", is_admin | is_national_staff)
rules.add_perm("registry.manage_year", can_manage_province)
rules.add_perm("registry.propose_targets", can_edit_district_work)
rules.add_perm("registry.confirm_targets", can_manage_province)

# Units, enrolments, stage 1 work and photos: the district's officers and the province's staff act;
# national viewers and district committees only read (visibility itself: visible_to()).
rules.add_perm("registry.manage_unit", can_edit_district_work)
rules.add_perm("registry.enrol", can_edit_district_work)
rules.add_perm("registry.manage_district_work", can_edit_district_work)
# The national ID is shown in full only to the unit's district and the province (DESIGN §2).
rules.add_perm("registry.see_national_id", can_edit_district_work)
# Each district keeps its own list of villages (DESIGN §7); the province may correct it.
rules.add_perm("geo.manage_villages", can_edit_district_work)
rules.add_perm("registry.view_history", can_manage_province)  # as apps.workspace.views.history requires
