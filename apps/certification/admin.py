from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin, be_column
from apps.core.thaidates import format_date

from .models import Certificate, CertificateEvent, CertificateSettings, Honour, VerificationLog


class CertificateEventInline(admin.TabularInline):
    model = CertificateEvent
    fields = ["at", "action", "by_correction", "by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    """Read-only here: issuing, revoking, reinstating and dates go through the services (numbering, audit)."""

    inlines = [CertificateEventInline]

    list_display = ["number", "unit", "year", "certified", be_column("revoked_at", "เพิกถอนเมื่อ", "DT")]
    list_filter = ["year"]
    search_fields = ["number", "code", "unit__name"]
    list_select_related = ["unit", "year__province"]

    @admin.display(description="วันที่รับรอง")
    def certified(self, obj):
        return format_date(obj.certified_on)


@admin.register(Honour)
class HonourAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "kind", "giver_level", "given_by"]
    list_filter = ["kind", "giver_level", "year"]
    search_fields = ["title", "unit__name"]
    raw_id_fields = ["unit"]


@admin.register(VerificationLog)
class VerificationLogAdmin(admin.ModelAdmin):
    list_display = ["at", "code", "result", "ip"]
    list_filter = ["result"]
    search_fields = ["code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(CertificateSettings)
