from django.urls import path

from . import views, views_verify

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("verify/", views_verify.verify_form, name="verify"),
    path("verify/<str:code>/", views_verify.verify_code, name="verify_code"),
]
