from django.urls import path

from . import views

app_name = "paperwork"
urlpatterns = [
    path("paperwork/offices/", views.office_list, name="offices"),
    path("paperwork/offices/<int:pk>/", views.office_detail, name="office"),
    path("paperwork/offices/<int:pk>/garuda/", views.office_garuda, name="office_garuda"),
    path("paperwork/offices/<int:pk>/register/", views.register, name="register"),
    path("paperwork/numbers/<int:pk>/cancel/", views.number_cancel, name="number_cancel"),
    path("paperwork/about/<str:what>/<int:pk>/", views.about, name="about"),
    path("paperwork/about/<str:what>/<int:pk>/issue/", views.issue, name="issue"),
    path("paperwork/documents/<int:pk>/", views.document, name="document"),
    path("paperwork/documents/<int:pk>/reissue/", views.reissue, name="reissue"),
    path("paperwork/documents/<int:pk>/files/", views.build_files, name="files"),
]
