from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views, views_privacy, views_verify
from .sitemaps import SITEMAPS

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("units/", views.directory, name="directory"),
    path("units/photos/<int:pk>/", views.photo, name="photo"),
    path("units/photos/<int:pk>/thumb/", views.photo, {"thumb": True}, name="photo_thumb"),
    path("units/<int:pk>/", views.profile_redirect, name="profile_short"),
    path("units/<int:pk>-<str:slug>/", views.profile, name="profile"),
    path("units/<int:pk>-<str:slug>/pdf/", views.profile_pdf, name="profile_pdf"),
    path("verify/", views_verify.verify_form, name="verify"),
    path("verify/<str:code>/", views_verify.verify_code, name="verify_code"),
    path("privacy/", views_privacy.privacy_notice, name="privacy"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
