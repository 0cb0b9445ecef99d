from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from apps.core.admin import be_column

from .models import Person, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    exclude = ["created_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "position",
        "is_active",
        be_column("date_joined", "สร้างเมื่อ"),
    ]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("ข้อมูลส่วนตัว", {"fields": ["title", "first_name", "last_name", "position", "phone"]}),
        ("สิทธิ์", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "province", "district", "zone", "fiscal_year"]
    list_filter = ["role"]
    list_select_related = ["user", "province", "district", "zone"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "position", "organisation", "province", "home_district", "user"]
    list_filter = ["province"]
    search_fields = ["first_name", "last_name", "organisation", "email"]
    raw_id_fields = ["user", "created_by"]
