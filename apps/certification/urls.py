from django.urls import path

from . import views, views_ceremonies, views_history, views_honours

app_name = "certification"
urlpatterns = [
    path("certificates/", views.certificate_list, name="certificates"),
    path("certificates/history/", views_history.history_import, name="history_import"),
    path("certificates/history/confirm/", views_history.history_confirm, name="history_confirm"),
    path("certificates/history/template.xlsx", views_history.history_template, name="history_template"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate"),
    path("certificates/<int:pk>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("certificates/<int:pk>/reinstate/", views.certificate_reinstate, name="certificate_reinstate"),
    path("certificates/<int:pk>/dates/", views.certificate_dates, name="certificate_dates"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/issue/<int:enrolment_pk>/", views.certificate_issue, name="certificate_issue"),
    path("certificates/year/<int:year_pk>/print/", views.year_print, name="year_print"),
    path("certificates/year/<int:year_pk>/settings/", views.year_settings, name="year_settings"),
    path("honours/", views_honours.honour_list, name="honours"),
    path("honours/new/", views_honours.honour_new, name="honour_new"),
    path("honours/<int:pk>/edit/", views_honours.honour_edit, name="honour_edit"),
    path("honours/<int:pk>/remove/", views_honours.honour_remove, name="honour_remove"),
    path("honours/ceremonies/", views_ceremonies.ceremony_list, name="ceremonies"),
    path("honours/ceremonies/new/", views_ceremonies.ceremony_new, name="ceremony_new"),
    path("honours/ceremonies/<int:pk>/", views_ceremonies.ceremony_detail, name="ceremony"),
    path("honours/ceremonies/<int:pk>/edit/", views_ceremonies.ceremony_edit, name="ceremony_edit"),
    path("honours/ceremonies/<int:pk>/print/", views_ceremonies.ceremony_print, name="ceremony_print"),
]
