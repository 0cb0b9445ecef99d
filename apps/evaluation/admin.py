from django.contrib import admin

from .models import Committee, CommitteeMember, Exemplar, Round, RoundEntry, Score, Scorecard


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    raw_id_fields = ["person", "user", "removed_by"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "level", "district", "zone"]
    list_filter = ["level", "year__fiscal_year"]
    list_select_related = ["year__province", "district", "zone"]
    inlines = [MemberInline]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "starts_on", "ends_on"]
    list_select_related = ["committee"]
    raw_id_fields = ["committee"]


@admin.register(RoundEntry)
class RoundEntryAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "round", "order", "decision"]
    list_filter = ["decision", "round__committee__level"]
    list_select_related = ["enrolment__unit", "enrolment__year", "round"]
    raw_id_fields = ["enrolment", "round"]


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["entry", "seat", "status", "percent", "recorded_by", "via_link"]
    list_filter = ["status"]
    list_select_related = ["entry__enrolment__unit", "entry__round", "member"]
    readonly_fields = ["percent", "submitted_at"]
    raw_id_fields = ["entry", "seat", "member", "recorded_by"]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    """Per-indicator scores: read here, written only through the scorecard (services.save_scorecard)."""

    list_display = ["scorecard", "indicator", "value"]
    list_select_related = [
        "scorecard__entry__enrolment__unit",
        "scorecard__entry__round",
        "scorecard__member",
        "indicator",
    ]
    raw_id_fields = ["scorecard", "indicator"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Exemplar)
class ExemplarAdmin(admin.ModelAdmin):
    list_display = ["district", "year", "enrolment"]
    list_select_related = ["district", "year__province", "enrolment__unit", "enrolment__year"]
    raw_id_fields = ["enrolment"]
