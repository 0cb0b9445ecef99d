from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin, be_column

from .models import Submission


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    """Read-only here: submitting, returning and accepting go through apps.reporting.services (snapshot, audit,
    notices); the admin lists and shows them."""

    list_display = [
        "district",
        "year",
        "kind",
        "state",
        "version",
        be_column("submitted_at", "ส่งเมื่อ", "DT"),
        "days_late",
    ]
    list_filter = ["state", "kind"]
    search_fields = ["district__name_th", "district__code"]
    list_select_related = ["district", "year__province"]
    exclude = ["snapshot"]
