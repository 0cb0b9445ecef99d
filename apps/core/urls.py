from django.urls import path

from . import views_files

app_name = "core"
urlpatterns = [
    path("files/<uuid:token>/", views_files.file_status, name="file_status"),
    path("files/<uuid:token>/download/", views_files.file_download, name="file_download"),
]
