from django.urls import path

from . import views, views_line

app_name = "notifications"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/read/", views.inbox_read, name="inbox_read"),
    path("inbox/read-all/", views.inbox_read_all, name="inbox_read_all"),
    path("inbox/settings/", views.inbox_settings, name="settings"),
    path("inbox/line/link/", views_line.link, name="line_link"),
    path("inbox/line/unlink/", views_line.unlink, name="line_unlink"),
    path("inbox/calendar/new/", views.calendar_regenerate, name="calendar_regenerate"),
    path("inbox/calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("notifications/rules/", views.rule_list, name="rules"),
    path("notifications/rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("notifications/deliveries/", views.delivery_list, name="deliveries"),
    path("notifications/deliveries/<int:pk>/retry/", views.delivery_retry, name="delivery_retry"),
    path(
        "notifications/deliveries/retry-failed/", views.delivery_retry_failed, name="deliveries_retry_failed"
    ),
]
