from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from apps.core.metrics import metrics_view
from apps.core.views import healthz, switch_language

admin.site.site_header = "มชช. — ผู้ดูแลระบบ"
admin.site.site_title = "มชช."

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("lang/<str:code>/", switch_language, name="switch_language"),
    path("app/", include("apps.workspace.urls")),
    path("app/", include("apps.core.urls")),
    path("app/", include("apps.accounts.urls")),
    path("app/", include("apps.registry.urls")),
    path("app/", include("apps.development.urls")),
    path("app/", include("apps.evaluation.urls")),
    path("app/", include("apps.certification.urls")),
    path("app/", include("apps.reporting.urls")),
    path("app/", include("apps.paperwork.urls")),
    path("app/", include("apps.notifications.urls")),
    path("line/", include("apps.notifications.urls_line")),
    path("score-link/", include("apps.evaluation.urls_link")),
    path("app/public-profiles/", include("apps.public.urls_staff")),
    path("", include("apps.public.urls")),
]

handler400 = "apps.public.views.error_400"
handler403 = "apps.public.views.error_403"
handler404 = "apps.public.views.error_404"
handler500 = "apps.public.views.error_500"

if settings.DEBUG:
    pass  # media is never served directly: every file goes through an access-checked view
