import rules

from apps.accounts.rules import can_edit_district_work, can_manage_province

# DESIGN §7: the district drafts the profile, the province publishes it (guideline 2.11).
rules.add_perm("public.edit_profile", can_edit_district_work)
rules.add_perm("public.publish_profile", can_manage_province)
rules.add_perm("public.hide_profile", can_manage_province)
rules.add_perm("public.choose_photos", can_manage_province)
