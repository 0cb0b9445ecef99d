from django.urls import path

from . import views_files, views_status

app_name = "core"
urlpatterns = [
    path("files/<uuid:token>/", views_files.file_status, name="file_status"),
    path("files/<uuid:token>/download/", views_files.file_download, name="file_download"),
    path("status/", views_status.status_page, name="status"),
]
