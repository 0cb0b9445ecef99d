from django.urls import path

from . import (
    views_committee_rules,
    views_committees,
    views_exemplars,
    views_meetings,
    views_paper,
    views_people,
    views_rounds,
    views_score,
)

app_name = "evaluation"
urlpatterns = [
    path("evaluation/committees/", views_committees.committee_list, name="committees"),
    path("evaluation/committees/new/", views_committees.committee_new, name="committee_new"),
    path("evaluation/committees/<int:pk>/", views_committees.committee_detail, name="committee"),
    path(
        "evaluation/committees/<int:pk>/members/<int:seat_id>/remove/",
        views_committees.member_remove,
        name="member_remove",
    ),
    path("evaluation/people/", views_people.people, name="people"),
    path("evaluation/people/<int:pk>/", views_people.person_detail, name="person"),
    path("evaluation/people/<int:pk>/edit/", views_people.person_edit, name="person_edit"),
    path(
        "evaluation/committees/<int:pk>/rules/",
        views_committee_rules.committee_rules_edit,
        name="committee_rules",
    ),
    path("evaluation/rounds/", views_rounds.round_list, name="rounds"),
    path("evaluation/rounds/new/", views_rounds.round_new, name="round_new"),
    path("evaluation/rounds/<int:pk>/", views_rounds.round_detail, name="round"),
    path("evaluation/rounds/<int:pk>/edit/", views_rounds.round_edit, name="round_edit"),
    path("evaluation/rounds/<int:pk>/add/", views_rounds.entry_add, name="entry_add"),
    path("evaluation/rounds/<int:pk>/place-passed/", views_rounds.place_passed, name="place_passed"),
    path("evaluation/rounds/<int:pk>/bulk-decide/", views_rounds.bulk_decide, name="bulk_decide"),
    path("evaluation/entries/<int:pk>/schedule/", views_rounds.entry_schedule, name="entry_schedule"),
    path("evaluation/entries/<int:pk>/recording/", views_rounds.entry_recording, name="entry_recording"),
    path("evaluation/entries/<int:pk>/decide/", views_rounds.entry_decide, name="entry_decide"),
    path("evaluation/rounds/<int:pk>/meetings/new/", views_meetings.meeting_new, name="meeting_new"),
    path("evaluation/meetings/<int:pk>/", views_meetings.meeting_detail, name="meeting"),
    path("evaluation/meetings/<int:pk>/edit/", views_meetings.meeting_edit, name="meeting_edit"),
    path(
        "evaluation/meetings/<int:pk>/attendance/",
        views_meetings.meeting_attendance,
        name="meeting_attendance",
    ),
    path("evaluation/meetings/<int:pk>/resolve/", views_meetings.meeting_resolve, name="meeting_resolve"),
    path("evaluation/meetings/<int:pk>/minutes/", views_meetings.meeting_minutes, name="meeting_minutes"),
    path("evaluation/meetings/<int:pk>/approve/", views_meetings.meeting_approve, name="meeting_approve"),
    path("evaluation/rounds/<int:pk>/members/", views_paper.round_members, name="round_members"),
    path("evaluation/rounds/<int:pk>/sheets/", views_paper.sheets, name="round_sheets"),
    path(
        "evaluation/rounds/<int:pk>/members/<int:seat_id>/paper/", views_paper.paper_units, name="paper_units"
    ),
    path(
        "evaluation/rounds/<int:pk>/members/<int:seat_id>/paper/<int:entry_id>/",
        views_paper.paper_score,
        name="paper_score",
    ),
    path(
        "evaluation/rounds/<int:pk>/members/<int:seat_id>/paper/<int:entry_id>/conflict/",
        views_paper.paper_conflict,
        name="paper_conflict",
    ),
    path("evaluation/rounds/<int:pk>/members/<int:seat_id>/link/", views_paper.link_send, name="link_send"),
    path(
        "evaluation/rounds/<int:pk>/links/<int:link_id>/revoke/", views_paper.link_revoke, name="link_revoke"
    ),
    path(
        "evaluation/meetings/<int:pk>/presentations/add/",
        views_meetings.presentation_add,
        name="presentation_add",
    ),
    path("evaluation/presentations/<int:pk>/", views_meetings.presentation_edit, name="presentation_edit"),
    path(
        "evaluation/presentations/<int:pk>/remove/",
        views_meetings.presentation_remove,
        name="presentation_remove",
    ),
    path("evaluation/score/", views_score.my_scorecards, name="my_scorecards"),
    path("evaluation/score/<int:pk>/", views_score.score_entry, name="score"),
    path("evaluation/score/<int:pk>/conflict/", views_score.declare_conflict, name="score_conflict"),
    path("evaluation/exemplars/", views_exemplars.exemplar_list, name="exemplars"),
    path(
        "evaluation/exemplars/<int:year_pk>/<str:district>/nominate/",
        views_exemplars.exemplar_nominate,
        name="exemplar_nominate",
    ),
    path("evaluation/exemplars/<int:pk>/", views_exemplars.exemplar_detail, name="exemplar"),
    path("evaluation/exemplars/<int:pk>/summary/", views_exemplars.exemplar_summary, name="exemplar_summary"),
    path(
        "evaluation/exemplars/<int:year_pk>/decks.zip", views_exemplars.exemplar_decks, name="exemplar_decks"
    ),
    path(
        "evaluation/exemplars/<int:pk>/generate/", views_exemplars.exemplar_generate, name="exemplar_generate"
    ),
    path(
        "evaluation/exemplars/<int:pk>/download/<str:which>/",
        views_exemplars.exemplar_download,
        name="exemplar_download",
    ),
]
