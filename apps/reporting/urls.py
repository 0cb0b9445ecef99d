from django.urls import path

from . import views, views_dashboard, views_national, views_review

app_name = "reporting"
urlpatterns = [
    path("reports/", views.my_reports, name="my_reports"),
    path("reports/<int:year>/<str:district>/<str:kind>/", views.report_detail, name="report"),
    path("reports/<int:year>/<str:district>/<str:kind>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:year>/<str:district>/<str:kind>/pdf/", views.report_pdf, name="report_pdf"),
    path("reports/<int:year>/<str:district>/<str:kind>/xlsx/", views.report_xlsx, name="report_xlsx"),
    path("reports/submission/<int:pk>/accept/", views.report_accept, name="report_accept"),
    path("reports/submission/<int:pk>/return/", views.report_return, name="report_return"),
    path("review/", views_review.review, name="review"),
    path("review/<int:year>/bulk-accept/", views_review.bulk_accept, name="bulk_accept"),
    path("review/<int:year>/export/", views_review.review_export, name="review_export"),
    path("review/<int:year>/summary/", views_review.province_summary, name="province_summary"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("dashboard/export/", views_dashboard.dashboard_export, name="dashboard_export"),
    path("national/", views_national.national, name="national"),
    path("national/summary/", views_national.national_summary, name="national_summary"),
]
