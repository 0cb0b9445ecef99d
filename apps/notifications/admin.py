from django.contrib import admin

from .models import CalendarToken, Delivery, LineAccount, Notification, NotificationPreference, ReminderRule


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ("year", "kind", "is_active", "days_before", "days_after")
    list_filter = ("is_active", "kind")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "recipient",
        "title",
        "due_on",
        "offset_days",
        "channel",
        "status",
        "attempts",
    )
    list_filter = ("status", "channel", "kind", "source")
    search_fields = ("recipient__email", "title")
    raw_id_fields = ("recipient",)
    list_select_related = ("recipient",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "title", "read_at")
    list_filter = ("kind",)
    raw_id_fields = ("user", "delivery", "digest")
    list_select_related = ("user",)


admin.site.register(NotificationPreference)
admin.site.register(CalendarToken)


@admin.register(LineAccount)
class LineAccountAdmin(admin.ModelAdmin):
    list_display = ("user", "linked_at", "is_demo")
    raw_id_fields = ("user",)
    list_select_related = ("user",)
