import rules

from apps.accounts.rules import (
    can_edit_district_work,
    can_manage_province,
    is_admin,
    is_national_staff,
    is_province_staff,
    works_in_district_of,
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
# A national ID is masked for everyone (x-xxxx-xxxxx-12-3); only an officer of the unit's own district may
# reveal one, with a reason, audited — on the unit's page or in a full-ID export (issue 19 item 3).
rules.add_perm("registry.reveal_national_id", works_in_district_of)
# Each district keeps its own list of villages (DESIGN §7); the province may correct it.
rules.add_perm("geo.manage_villages", can_edit_district_work)
rules.add_perm("registry.view_history", can_manage_province)  # as apps.workspace.views.history requires
# Consent to publication is recorded and withdrawn by whoever keeps the unit (issue 19 item 2).
rules.add_perm("registry.manage_consent", can_edit_district_work)
# Requests of data subjects are recorded and answered by whoever keeps the unit (issue 19 item 4).
rules.add_perm("registry.handle_data_request", can_edit_district_work)
# Retention periods and the purge they lead to are the province's (issue 19 item 5).
rules.add_perm("registry.manage_retention", can_manage_province)
