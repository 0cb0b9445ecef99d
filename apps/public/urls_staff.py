"""Staff area of the public profiles: /app/public-profiles/…"""

from django.urls import path

from . import views_staff

app_name = "public_staff"
urlpatterns = [
    path("", views_staff.profile_list, name="index"),
    path("<int:unit_id>/", views_staff.profile_edit, name="edit"),
    path("<int:unit_id>/submit/", views_staff.profile_submit, name="submit"),
    path("<int:unit_id>/publish/", views_staff.profile_publish, name="publish"),
    path("<int:unit_id>/hide/", views_staff.profile_hide, name="hide"),
    path("<int:unit_id>/show/", views_staff.profile_unhide, name="unhide"),
    path("privacy/<str:province>/", views_staff.privacy_contact, name="privacy_contact"),
    path("<int:unit_id>/photos/", views_staff.profile_photos, name="photos"),
]
