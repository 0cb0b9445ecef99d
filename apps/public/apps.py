from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "apps.public"
    verbose_name = "เว็บไซต์สาธารณะ"
