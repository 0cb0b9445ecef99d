from django.contrib import admin

from apps.core.admin import ThaiAdmin

from .models import District, Province, Subdistrict, Village, Zone, ZoneMembership


@admin.register(Province)
class ProvinceAdmin(ThaiAdmin):
    list_display = ["code", "name_th", "name_en"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(District)
class DistrictAdmin(ThaiAdmin):
    list_display = ["code", "name_th", "province"]
    list_select_related = ["province"]
    search_fields = ["code", "name_th"]


@admin.register(Subdistrict)
class SubdistrictAdmin(ThaiAdmin):
    list_display = ["code", "name_th", "district", "postal_code"]
    list_select_related = ["district"]
    search_fields = ["code", "name_th"]


@admin.register(Village)
class VillageAdmin(ThaiAdmin):
    list_display = ["subdistrict", "moo", "name", "is_model_village"]
    list_select_related = ["subdistrict"]


class ZoneMembershipInline(admin.TabularInline):
    model = ZoneMembership
    exclude = ["fiscal_year"]
    extra = 1


@admin.register(Zone)
class ZoneAdmin(ThaiAdmin):
    list_display = ["name", "province", "fiscal_year"]
    list_filter = ["fiscal_year"]
    inlines = [ZoneMembershipInline]
