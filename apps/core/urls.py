from django.urls import path

from . import views_app

app_name = "core"
urlpatterns = [
    path("", views_app.home, name="home"),
    path("history/<int:ct_id>/<str:object_id>/", views_app.history, name="history"),
]
