import rules

from apps.accounts.rules import can_edit_district_work, can_manage_province

# DESIGN §7: the district drafts the profile, the province publishes it (guideline 2.11).
rules.add_perm("public.edit_profile", can_edit_district_work)
rules.add_perm("public.publish_profile", can_manage_province)
rules.add_perm("public.hide_profile", can_manage_province)
rules.add_perm("public.choose_photos", can_manage_province)
# The controller and DPO of the privacy notice are the province's data (issue 19 item 2).
rules.add_perm("public.edit_privacy_contact", can_manage_province)
