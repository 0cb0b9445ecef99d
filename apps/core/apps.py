from django.apps import AppConfig


def can_view_status(user):
    """The status page's menu entry; the rule itself (system admins) is registered by the accounts app."""
    return user.is_authenticated and user.has_perm("core.view_status")


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "แกนระบบ"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from . import nav, status_checks, taskhooks

        taskhooks.connect()
        status_checks.register_all()
        nav.register(_("สถานะระบบ"), "core:status", can_view_status, order=95)
