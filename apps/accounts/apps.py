from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = "ผู้ใช้และบทบาท"

    def ready(self):
        from apps.core import nav, personaldata

        from . import personal
        from . import rules as r

        personaldata.register(personal.HOLDER)

        nav.register("ผู้ใช้และบทบาท", "accounts:people", r.is_province_staff | r.is_admin, order=90)
