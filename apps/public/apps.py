from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "apps.public"
    verbose_name = "เว็บไซต์สาธารณะ"

    def ready(self):
        from apps.accounts.rules import is_admin, is_district_officer, is_national_viewer, is_province_staff
        from apps.core import contacts, nav, personaldata

        from . import personal, receivers, signals
        from .links import staff_url_name
        from .selectors import office_lines

        signals.connect()
        receivers.connect()
        contacts.register(office_lines)
        personaldata.register(personal.HOLDER)
        # apps.public is the last app: every model and every other app is ready, so loading the URLconf
        # here (to find where urls_staff is included) is safe.
        nav.register(
            "โปรไฟล์สาธารณะ",
            staff_url_name("index"),
            is_admin | is_province_staff | is_district_officer | is_national_viewer,
            order=80,
        )
