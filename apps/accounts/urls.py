from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/invite/", views.invite, name="invite"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/active/", views.person_active, name="person_active"),
    path("people/<int:pk>/reinvite/", views.person_reinvite, name="person_reinvite"),
    path("invitation/<str:uidb36>/<str:key>/", views.invitation, name="invitation"),
    path("people/<int:pk>/roles/<int:role_id>/remove/", views.role_remove, name="role_remove"),
]
