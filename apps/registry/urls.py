from django.urls import path

from . import (
    views_excel,
    views_join,
    views_privacy,
    views_stage1,
    views_targets,
    views_units,
    views_villages,
    views_year,
)

app_name = "registry"
urlpatterns = [
    path("years/", views_year.year_list, name="years"),
    path("years/open/", views_year.year_open, name="year_open"),
    path("provinces/join/", views_join.province_join, name="province_join"),
    path("years/<int:pk>/", views_year.year_detail, name="year"),
    path("years/<int:pk>/settings/", views_year.year_settings, name="year_settings"),
    path("years/<int:pk>/calendar/", views_year.year_calendar, name="year_calendar"),
    path("years/<int:pk>/targets/<str:district>/", views_year.year_targets, name="year_targets"),
    path("years/<int:pk>/subtypes/", views_year.year_subtypes, name="year_subtypes"),
    path(
        "years/<int:pk>/subtypes/<int:subtype_id>/toggle/",
        views_year.year_subtype_toggle,
        name="year_subtype_toggle",
    ),
    path("years/<int:pk>/zones/new/", views_year.zone_edit, name="zone_new"),
    path("years/<int:pk>/zones/<int:zone_id>/", views_year.zone_edit, name="zone_edit"),
    # units and enrolment
    path("units/", views_units.unit_list, name="units"),
    path("units/new/", views_units.unit_new, name="unit_new"),
    path("units/export.xlsx", views_excel.unit_export, name="unit_export"),
    path("units/export-full-ids.xlsx", views_excel.unit_export_full, name="unit_export_full"),
    path("units/template.xlsx", views_excel.import_template, name="import_template"),
    path("units/<int:pk>/", views_units.unit_detail, name="unit"),
    path("units/<int:pk>/edit/", views_units.unit_edit, name="unit_edit"),
    path("units/<int:pk>/enrol/", views_units.unit_enrol, name="unit_enrol"),
    path("units/<int:pk>/national-id/", views_privacy.unit_reveal_id, name="unit_reveal_id"),
    path("units/<int:pk>/consents/new/", views_privacy.consent_new, name="consent_new"),
    path("units/<int:pk>/requests/new/", views_privacy.data_request_new, name="data_request_new"),
    path("privacy-requests/<int:pk>/", views_privacy.data_request, name="data_request"),
    path("privacy-requests/<int:pk>/access/", views_privacy.data_request_access, name="data_request_access"),
    path("privacy-requests/<int:pk>/erase/", views_privacy.data_request_erase, name="data_request_erase"),
    path("privacy-requests/<int:pk>/close/", views_privacy.data_request_close, name="data_request_close"),
    path("privacy/retention/<str:province>/", views_privacy.retention, name="retention"),
    path("privacy/retention/<str:province>/period/", views_privacy.retention_period, name="retention_period"),
    path("privacy/retention/<str:province>/purge/", views_privacy.retention_purge, name="retention_purge"),
    path("consents/<int:pk>/withdraw/", views_privacy.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:pk>/scan/", views_privacy.consent_scan, name="consent_scan"),
    path("enrolments/<int:pk>/withdraw/", views_units.enrolment_withdraw, name="enrolment_withdraw"),
    path("enrolments/<int:pk>/mentor/", views_units.enrolment_mentor, name="enrolment_mentor"),
    path("districts/<str:district>/years/<int:pk>/enrol/", views_units.bulk_enrol, name="bulk_enrol"),
    path(
        "districts/<str:district>/years/<int:pk>/carry-over/", views_units.carry_over_view, name="carry_over"
    ),
    path("districts/<str:district>/years/<int:pk>/import/", views_excel.unit_import, name="unit_import"),
    path(
        "districts/<str:district>/years/<int:pk>/import/confirm/",
        views_excel.import_confirm,
        name="import_confirm",
    ),
    # targets against enrolments
    path("targets/", views_targets.targets_index, name="targets"),
    path("targets/<int:pk>/", views_targets.targets_province, name="targets_province"),
    path(
        "districts/<str:district>/years/<int:pk>/targets/",
        views_targets.targets_district,
        name="targets_district",
    ),
    # stage 1 and photos
    path("preparation/", views_stage1.stage1_index, name="stage1_index"),
    path("districts/<str:district>/years/<int:pk>/preparation/", views_stage1.stage1, name="stage1"),
    path(
        "districts/<str:district>/years/<int:pk>/preparation/new/",
        views_stage1.record_edit,
        name="record_new",
    ),
    path("preparation/records/<int:record_id>/", views_stage1.record_edit, name="record_edit"),
    path("preparation/records/<int:record_id>/file/", views_stage1.record_file, name="record_file"),
    path(
        "districts/<str:district>/years/<int:pk>/partners/new/", views_stage1.partner_edit, name="partner_new"
    ),
    path("preparation/partners/<int:partner_id>/", views_stage1.partner_edit, name="partner_edit"),
    path("photos/", views_stage1.photos_index, name="photos_index"),
    path("districts/<str:district>/years/<int:pk>/photos/", views_stage1.photos, name="photos"),
    path(
        "districts/<str:district>/years/<int:pk>/photos/upload/",
        views_stage1.photo_upload,
        name="photo_upload",
    ),
    path("photos/<int:photo_id>/image/", views_stage1.photo_image, name="photo_image"),
    path("photos/<int:photo_id>/thumb/", views_stage1.photo_image, {"thumb": True}, name="photo_thumb"),
    path("photos/<int:photo_id>/delete/", views_stage1.photo_delete, name="photo_delete"),
    path("photos/<int:photo_id>/report/", views_stage1.photo_in_report, name="photo_in_report"),
    # villages (apps.geo)
    path("villages/", views_villages.villages_index, name="villages_index"),
    path("districts/<str:district>/villages/", views_villages.villages, name="villages"),
    path("villages/<int:pk>/", views_villages.village_edit, name="village_edit"),
]
