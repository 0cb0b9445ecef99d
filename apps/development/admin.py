from django.contrib import admin

from apps.core.admin import ThaiAdmin, be_column

from .models import NationalCatalogue, Plan, SelfAssessment, StandardSet, Visit


@admin.register(StandardSet)
class StandardSetAdmin(ThaiAdmin):
    """Read and fix by hand; versions, publishing and imports go through apps.development.services.catalogue."""

    list_display = ["title", "year", "target_type", "version", "is_published", "is_demo"]
    list_filter = ["target_type", "is_published", "is_demo"]
    list_select_related = ["year__province"]
    raw_id_fields = ["year", "supersedes", "national"]


@admin.register(NationalCatalogue)
class NationalCatalogueAdmin(ThaiAdmin):
    """Read only in practice: drafts, publishing and new versions go through apps.development.services.national
    (the centre's pages under /app/standards/national/)."""

    list_display = ["title", "fiscal_year", "target_type", "version", "published_at"]
    list_filter = ["target_type", "fiscal_year"]
    raw_id_fields = ["supersedes", "published_by", "created_by"]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(ThaiAdmin):
    list_display = ["enrolment", "standard_set", "percent", "passed", be_column("assessed_on", "วันที่ประเมิน")]
    list_filter = ["passed", "standard_set__target_type"]
    list_select_related = ["enrolment__unit", "enrolment__year", "standard_set"]
    raw_id_fields = ["enrolment", "standard_set", "updated_by"]


@admin.register(Plan)
class PlanAdmin(ThaiAdmin):
    list_display = ["enrolment", "status", be_column("submitted_at", "วันที่ส่ง")]
    list_filter = ["status"]
    list_select_related = ["enrolment__unit", "enrolment__year"]
    raw_id_fields = ["enrolment", "submitted_by", "copied_from"]


@admin.register(Visit)
class VisitAdmin(ThaiAdmin):
    list_display = ["enrolment", "kind", be_column("visited_on", "วันที่"), "visitors"]
    list_filter = ["kind"]
    list_select_related = ["enrolment__unit", "enrolment__year"]
    raw_id_fields = ["enrolment", "created_by", "photos"]
    ordering = ["-pk"]  # the model's (-visited_on) has no index of its own: sorting every visit is slow
