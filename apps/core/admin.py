from django.contrib import admin
from django.db import models

from .forms import BEDateField
from .models import AuditEvent, BackupRun, GeneratedFile, TaskFailure
from .thaidates import format_date


class ThaiAdmin(admin.ModelAdmin):
    """Admin with B.E. date inputs; use be_column() for B.E. dates in list_display."""

    formfield_overrides = {models.DateField: {"form_class": BEDateField}}


def be_column(field, label, style="SHORT"):
    def column(obj):
        return format_date(getattr(obj, field), style)

    column.short_description = label
    column.admin_order_field = field
    return column


class ReadOnlyAdmin(ThaiAdmin):
    """Rows that only the services write (numbering, snapshots, the audit trail): the admin lists and shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = [be_column("at", "เวลา", "DT"), "actor", "action", "object_repr", "ip"]
    list_filter = ["action"]
    search_fields = ["object_repr", "action", "actor__email"]
    list_select_related = ["actor"]
    readonly_fields = ["at", "prev_hash", "hash"]


@admin.register(TaskFailure)
class TaskFailureAdmin(ReadOnlyAdmin):
    list_display = [be_column("at", "เวลา", "DT"), "task_name", "exception", "request_id"]
    list_filter = ["task_name"]
    search_fields = ["task_name", "task_id", "request_id", "message"]


@admin.register(GeneratedFile)
class GeneratedFileAdmin(ThaiAdmin):
    list_display = ["title", "kind", "status", "owner", be_column("created_at", "สร้างเมื่อ", "DT")]
    list_filter = ["status", "kind"]


@admin.register(BackupRun)
class BackupRunAdmin(ReadOnlyAdmin):
    list_display = [
        be_column("started_at", "เริ่ม", "DT"),
        be_column("finished_at", "เสร็จ", "DT"),
        "ok",
        "size",
        "name",
    ]
    list_filter = ["ok", "scheduled"]
