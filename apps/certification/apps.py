from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "apps.certification"
    verbose_name = "การรับรองและเชิดชูเกียรติ"

    def ready(self):
        from apps.core import nav

        from .rules import reads_certificates

        nav.register("ใบรับรอง", "certification:certificates", reads_certificates, order=60)
        nav.register("การเชิดชูเกียรติ", "certification:honours", reads_certificates, order=61)
