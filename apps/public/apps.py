from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "apps.public"
    verbose_name = "เว็บไซต์สาธารณะ"

    def ready(self):
        from django.utils.functional import lazy

        from apps.accounts.rules import is_admin, is_district_officer, is_national_viewer, is_province_staff
        from apps.core import nav

        from . import signals
        from .links import staff_url_name

        signals.connect()
        nav.register("โปรไฟล์สาธารณะ", lazy(staff_url_name, str)("list"),
                     is_admin | is_province_staff | is_district_officer | is_national_viewer, order=80)
