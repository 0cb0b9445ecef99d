"""Who may do what with reports to the province (visibility itself: Submission.objects.visible_to)."""

import rules

from apps.accounts.rules import (
    can_manage_province,
    is_admin,
    is_district_officer,
    is_national_viewer,
    is_province_staff,
    works_in_district_of,
)

# The district drafts and submits its own reports; the province reviews them; national viewers only read.
can_submit = is_admin | works_in_district_of
reads_province_reports = is_admin | is_province_staff | is_national_viewer

rules.add_perm("reporting.submit", can_submit)
rules.add_perm("reporting.review", can_manage_province)
rules.add_perm("reporting.view_review", reads_province_reports)
rules.add_perm("reporting.view_dashboard", reads_province_reports | is_district_officer)
rules.add_perm("reporting.view_own_reports", is_admin | is_district_officer)
# The centre's page of every province (national staff and national viewers; read only).
reads_the_country = is_admin | is_national_viewer
rules.add_perm("reporting.view_national", reads_the_country)
