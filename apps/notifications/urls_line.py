from django.urls import path

from . import views_line

app_name = "line"
urlpatterns = [
    path("webhook/", views_line.webhook, name="webhook"),
]
