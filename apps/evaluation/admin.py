from django.contrib import admin

from .models import Committee, CommitteeMember, Exemplar, Round, RoundEntry, Scorecard


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "level", "district", "zone"]
    list_filter = ["level", "year"]
    inlines = [MemberInline]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "starts_on", "ends_on"]


@admin.register(RoundEntry)
class RoundEntryAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "round", "order", "decision"]
    raw_id_fields = ["enrolment"]


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["entry", "member", "status", "percent"]
    readonly_fields = ["percent", "submitted_at"]


@admin.register(Exemplar)
class ExemplarAdmin(admin.ModelAdmin):
    list_display = ["district", "year", "enrolment"]
