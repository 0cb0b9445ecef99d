from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The top floor: the staff workspace's home and an object's history, and the demo and national-scale data
    that combine every app (DESIGN §8). Nothing below imports it."""

    name = "apps.workspace"
    verbose_name = "พื้นที่ทำงาน"
