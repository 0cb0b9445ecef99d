from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("history/<int:ct_id>/<str:object_id>/", views.history, name="history"),
]
