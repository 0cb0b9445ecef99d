from django.urls import path

from . import views_catalogue as cat
from . import views_field as field
from . import views_national as nat
from . import views_plan as plan
from . import views_supervision as sup
from . import views_unit as unit

app_name = "development"
urlpatterns = [
    # standards catalogue
    path("standards/", cat.standard_list, name="standards"),
    path("standards/new/", cat.standard_new, name="standard_new"),
    path("standards/import/", cat.standard_import, name="standard_import"),
    path("standards/<int:pk>/", cat.standard_detail, name="standard"),
    path("standards/<int:pk>/rule/", cat.standard_rule, name="standard_rule"),
    path("standards/<int:pk>/publish/", cat.standard_publish, name="standard_publish"),
    path("standards/<int:pk>/export.xlsx", cat.standard_export, name="standard_export"),
    path("standards/<int:pk>/components/new/", cat.component_edit, name="component_new"),
    path("standards/<int:pk>/components/<int:component_id>/", cat.component_edit, name="component_edit"),
    path("standards/<int:pk>/indicators/new/", cat.indicator_edit, name="indicator_new"),
    path("standards/<int:pk>/indicators/<int:indicator_id>/", cat.indicator_edit, name="indicator_edit"),
    path(
        "standards/<int:pk>/indicators/<int:indicator_id>/remove/",
        cat.indicator_remove,
        name="indicator_remove",
    ),
    path("standards/adopt/", nat.standard_adopt, name="standard_adopt"),
    # the centre's catalogue (issue 20 item 1)
    path("standards/national/", nat.national_list, name="national_list"),
    path("standards/national/new/", nat.national_new, name="national_new"),
    path("standards/national/adoptions/", nat.national_adoptions, name="national_adoptions"),
    path("standards/national/<int:pk>/", nat.national_detail, name="national"),
    path("standards/national/<int:pk>/edit/", nat.national_edit, name="national_edit"),
    path("standards/national/<int:pk>/publish/", nat.national_publish, name="national_publish"),
    path("standards/national/<int:pk>/new-version/", nat.national_new_version, name="national_new_version"),
    path(
        "standards/national/<int:pk>/indicators/new/",
        nat.national_indicator_edit,
        name="national_indicator_new",
    ),
    path(
        "standards/national/<int:pk>/indicators/<int:indicator_id>/",
        nat.national_indicator_edit,
        name="national_indicator_edit",
    ),
    path(
        "standards/national/<int:pk>/indicators/<int:indicator_id>/remove/",
        nat.national_indicator_remove,
        name="national_indicator_remove",
    ),
    # units: assessment and plan
    path("development/", unit.unit_list, name="units"),
    path("development/close-recruitment/", unit.close_recruitment, name="close_recruitment"),
    path("development/files/<int:file_id>/", unit.evidence_file, name="evidence_file"),
    path("development/photos/<int:photo_id>/", unit.photo, name="photo"),
    path("development/photos/<int:photo_id>/thumb/", unit.photo, {"thumb": True}, name="photo_thumb"),
    path("development/<int:pk>/", unit.unit_detail, name="unit"),
    path("development/<int:pk>/stage/", unit.stage_move, name="stage_move"),
    path("development/<int:pk>/assessment/", unit.assessment_edit, name="assessment"),
    path("development/<int:pk>/assessment/files/", unit.evidence_add, name="evidence_add"),
    path(
        "development/<int:pk>/assessment/files/<int:file_id>/remove/",
        unit.evidence_remove,
        name="evidence_remove",
    ),
    path("development/<int:pk>/assessment.pdf", plan.assessment_pdf, name="assessment_pdf"),
    path("development/<int:pk>/community/", unit.community_add, name="community_add"),
    path("development/<int:pk>/community/<int:ci_id>/", unit.community_edit, name="community_edit"),
    path("development/<int:pk>/plan/", plan.plan_detail, name="plan"),
    path("development/<int:pk>/plan.pdf", plan.plan_pdf, name="plan_pdf"),
    path("development/<int:pk>/plan/submit/", plan.plan_submit, name="plan_submit"),
    path("development/<int:pk>/plan/reopen/", plan.plan_reopen, name="plan_reopen"),
    path("development/<int:pk>/plan/goals/", plan.goal_save, name="goal_new"),
    path("development/<int:pk>/plan/goals/<int:goal_id>/", plan.goal_save, name="goal_edit"),
    path("development/<int:pk>/plan/goals/<int:goal_id>/remove/", plan.goal_remove, name="goal_remove"),
    path("development/<int:pk>/plan/activities/new/", plan.activity_edit, name="activity_new"),
    path("development/<int:pk>/plan/activities/<int:activity_id>/", plan.activity_edit, name="activity_edit"),
    path(
        "development/<int:pk>/plan/activities/<int:activity_id>/remove/",
        plan.activity_remove,
        name="activity_remove",
    ),
    path(
        "development/<int:pk>/plan/activities/<int:activity_id>/progress/",
        plan.activity_progress,
        name="activity_progress",
    ),
    # the field app of a district officer (installable, works offline)
    path("field/", field.today, name="field"),
    path("field/sw.js", field.service_worker, name="field_sw"),
    path("field/manifest.webmanifest", field.manifest, name="field_manifest"),
    path("field/sync/visit/", field.sync_visit_view, name="field_sync_visit"),
    path("field/sync/photo/", field.sync_photo_view, name="field_sync_photo"),
    path("field/sync/stage1/", field.sync_stage1_view, name="field_sync_stage1"),
    # supervision
    path("supervision/", sup.supervision, name="supervision"),
    path("supervision/calendar/", sup.supervision_calendar, name="calendar"),
    path("development/<int:pk>/visits/new/", sup.visit_edit, name="visit_new"),
    path("development/<int:pk>/visits/<int:visit_id>/", sup.visit_edit, name="visit_edit"),
    path("development/<int:pk>/visits/<int:visit_id>/remove/", sup.visit_remove, name="visit_remove"),
]
