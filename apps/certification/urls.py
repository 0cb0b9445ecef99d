from django.urls import path

from . import views, views_honours

app_name = "certification"
urlpatterns = [
    path("certificates/", views.certificate_list, name="certificates"),
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
    path("honours/<int:pk>/remove/", views_honours.honour_remove, name="honour_remove"),
]
