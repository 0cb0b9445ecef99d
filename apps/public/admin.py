from django.contrib import admin

from .models import OfficeContact, PublicProfile


@admin.register(PublicProfile)
class PublicProfileAdmin(admin.ModelAdmin):
    list_display = ["unit", "status", "is_hidden", "published_at", "updated_at"]
    list_filter = ["status", "is_hidden"]
    search_fields = ["unit__name"]
    raw_id_fields = ["unit", "cover_photo"]
    filter_horizontal = ["photos"]


@admin.register(OfficeContact)
class OfficeContactAdmin(admin.ModelAdmin):
    list_display = ["district", "name", "phone", "email"]
