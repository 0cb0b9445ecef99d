from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "apps.registry"
    verbose_name = "ทะเบียนและปีงบประมาณ"

    def ready(self):
        from apps.accounts.rules import is_staff_user
        from apps.core import nav

        nav.register("ปีงบประมาณและปฏิทิน", "registry:years", is_staff_user, order=20)
