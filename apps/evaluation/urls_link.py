"""The one-time scoring link, outside /app/: no login, no workspace (views_link.py)."""

from django.urls import path

from . import views_link

app_name = "evaluation_link"
urlpatterns = [
    path("<str:token>/", views_link.link_home, name="home"),
    path("<str:token>/<int:entry_id>/", views_link.link_score, name="score"),
    path("<str:token>/<int:entry_id>/conflict/", views_link.link_conflict, name="conflict"),
]
