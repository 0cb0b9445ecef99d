from django.contrib import admin

from .models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Read-only here: submitting, returning and accepting go through apps.reporting.services (snapshot, audit,
    notices); the admin lists and shows them."""

    list_display = ["district", "year", "kind", "state", "version", "submitted_at", "days_late"]
    list_filter = ["state", "kind"]
    search_fields = ["district__name_th", "district__code"]
    list_select_related = ["district", "year__province"]
    exclude = ["snapshot"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
