from django.urls import path

from . import views_app, views_files, views_status

app_name = "core"
urlpatterns = [
    path("", views_app.home, name="home"),
    path("files/<uuid:token>/", views_files.file_status, name="file_status"),
    path("files/<uuid:token>/download/", views_files.file_download, name="file_download"),
    path("status/", views_status.status_page, name="status"),
    path("history/<int:ct_id>/<str:object_id>/", views_app.history, name="history"),
]
