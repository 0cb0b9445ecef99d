from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    verbose_name = "การแจ้งเตือน"

    def ready(self):
        from celery.signals import task_failure
        from django.utils.translation import gettext_lazy as _

        from apps.accounts.rules import is_admin, is_province_staff, is_staff_user
        from apps.core import landing, nav, notices, reminders, status
        from apps.registry.signals import year_opened

        from . import deadlines, receivers, status_checks
        from .landing import inbox_panel_context

        notices.notice_requested.connect(receivers.on_notice_requested, dispatch_uid="notifications-notice")
        task_failure.connect(receivers.mail_admins_on_failure, dispatch_uid="mchch-task-failure-mail-admins")
        reminders.register(deadlines.SOURCE, deadlines.deadline_reminders, still_due=deadlines.still_due)
        year_opened.connect(deadlines.on_year_opened, dispatch_uid="notifications-default-rules")
        nav.register(_("กล่องข้อความ"), "notifications:inbox", is_staff_user, order=15)
        nav.register(_("กฎการแจ้งเตือน"), "notifications:rules", is_admin | is_province_staff, order=80)
        nav.register(_("ประวัติการส่ง"), "notifications:deliveries", is_admin | is_province_staff, order=81)
        status.register(status_checks.deliveries, order=50)
        landing.register("notifications/panel.html", is_staff_user, inbox_panel_context, order=5)
