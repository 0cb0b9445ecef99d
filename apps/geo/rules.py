import rules

from apps.accounts.rules import can_edit_district_work

# Each district keeps its own list of villages (DESIGN §7); the province may correct it.
rules.add_perm("geo.manage_villages", can_edit_district_work)
