from django.urls import path

from . import views_year

app_name = "registry"
urlpatterns = [
    path("years/", views_year.year_list, name="years"),
    path("years/open/", views_year.year_open, name="year_open"),
    path("years/<int:pk>/", views_year.year_detail, name="year"),
    path("years/<int:pk>/settings/", views_year.year_settings, name="year_settings"),
    path("years/<int:pk>/calendar/", views_year.year_calendar, name="year_calendar"),
    path("years/<int:pk>/targets/<str:district>/", views_year.year_targets, name="year_targets"),
    path("years/<int:pk>/subtypes/", views_year.year_subtypes, name="year_subtypes"),
    path("years/<int:pk>/subtypes/<int:subtype_id>/toggle/", views_year.year_subtype_toggle, name="year_subtype_toggle"),
    path("years/<int:pk>/zones/new/", views_year.zone_edit, name="zone_new"),
    path("years/<int:pk>/zones/<int:zone_id>/", views_year.zone_edit, name="zone_edit"),
]
