import rules

from apps.accounts.rules import (
    can_edit_district_work,
    can_manage_province,
    is_admin,
    is_district_officer,
    is_national_viewer,
    is_province_staff,
    works_in_district_of,
)


@rules.predicate
def given_by_district(user, honour):
    return honour is not None and honour.giver_level == "district"


# Read access is the querysets' visible_to; these are the actions.
rules.add_perm("certification.issue", can_manage_province)
# The province's passers since 2547, imported from its old spreadsheets (issue 20 item 5).
rules.add_perm("certification.import_history", is_admin | is_province_staff)
rules.add_perm("certification.revoke", can_manage_province)
# Undo a revocation made by mistake: the staff of the certificate's province, like revoking.
rules.add_perm("certification.reinstate", can_manage_province)
rules.add_perm("certification.edit_dates", can_manage_province)
rules.add_perm("certification.print", can_manage_province)
rules.add_perm("certification.configure", can_manage_province)
# Honours are recorded by the province or by the district that gives them (DESIGN §7, guideline 2.12).
rules.add_perm("certification.record_honour", can_edit_district_work)
rules.add_perm(
    "certification.remove_honour", can_manage_province | (works_in_district_of & given_by_district)
)

# A ceremony is the province's, or a district's when it names the district (its officers run it).
rules.add_perm("certification.record_ceremony", is_admin | is_province_staff | is_district_officer)
rules.add_perm("certification.manage_ceremony", can_manage_province | works_in_district_of)

reads_certificates = is_admin | is_province_staff | is_district_officer | is_national_viewer
records_honours = is_admin | is_province_staff | is_district_officer
