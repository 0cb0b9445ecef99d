from django.contrib import admin

from apps.core.admin import ThaiAdmin, be_column

from .models import (
    Deadline,
    DistrictTarget,
    Enrolment,
    Partner,
    Photo,
    PreparationRecord,
    ProgrammeYear,
    StagePeriod,
    SubType,
    Unit,
)


class StagePeriodInline(admin.TabularInline):
    model = StagePeriod
    extra = 0
    formfield_overrides = ThaiAdmin.formfield_overrides


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0
    formfield_overrides = ThaiAdmin.formfield_overrides


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(ThaiAdmin):
    list_display = ["fiscal_year", "province", "is_open"]
    list_filter = ["fiscal_year", "is_open"]
    list_select_related = ["province"]
    inlines = [StagePeriodInline, DeadlineInline]


@admin.register(SubType)
class SubTypeAdmin(ThaiAdmin):
    list_display = ["name", "target_type", "year", "is_active"]
    list_select_related = ["year__province"]


@admin.register(DistrictTarget)
class DistrictTargetAdmin(ThaiAdmin):
    list_display = ["year", "district", "target_type", "target", "confirmed"]
    list_select_related = ["year__province", "district"]


@admin.register(Unit)
class UnitAdmin(ThaiAdmin):
    list_display = ["name", "target_type", "sub_type", "district", be_column("updated_at", "แก้ไขล่าสุด")]
    list_filter = ["target_type"]
    list_select_related = ["district"]
    search_fields = ["name", "first_name", "last_name"]
    exclude = ["national_id"]


@admin.register(Enrolment)
class EnrolmentAdmin(ThaiAdmin):
    list_display = ["unit", "year", "stage", "outcome", "carried_over"]
    list_filter = ["stage", "outcome", "carried_over"]
    list_select_related = ["unit", "year__province"]
    raw_id_fields = ["unit", "previous", "mentor"]


@admin.register(PreparationRecord)
class PreparationRecordAdmin(ThaiAdmin):
    list_display = ["title", "kind", "district", "year", "held_on"]
    list_filter = ["kind"]
    list_select_related = ["district", "year__province"]


@admin.register(Partner)
class PartnerAdmin(ThaiAdmin):
    list_display = ["name", "kind", "district", "year"]
    list_select_related = ["district", "year__province"]


@admin.register(Photo)
class PhotoAdmin(ThaiAdmin):
    list_display = ["caption", "stage", "district", "year", "is_public"]
    list_filter = ["stage", "is_public"]
    list_select_related = ["district", "year__province"]
    raw_id_fields = ["unit"]
    exclude = ["image", "thumbnail"]  # files are reached only through the access-checked view, never /media/

    def has_add_permission(self, request):
        return False
