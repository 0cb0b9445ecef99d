from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "apps.certification"
    verbose_name = "การรับรองและเชิดชูเกียรติ"
