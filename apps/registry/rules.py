import rules

from apps.accounts.rules import can_edit_district_work, can_manage_province, is_admin, is_province_staff

rules.add_perm("registry.open_year", is_admin | is_province_staff)
rules.add_perm("registry.manage_year", can_manage_province)
rules.add_perm("registry.propose_targets", can_edit_district_work)
rules.add_perm("registry.confirm_targets", can_manage_province)
