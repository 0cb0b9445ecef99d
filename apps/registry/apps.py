from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "apps.registry"
    verbose_name = "ทะเบียนและปีงบประมาณ"

    def ready(self):
        from django.utils.translation import gettext_noop

        from apps.accounts.rules import is_admin, is_national_staff, is_staff_user
        from apps.core import calendar, generated, landing, nav

        from . import builders
        from .calendar import deadline_events
        from .landing import district_panel, is_district_or_province

        nav.register("ปีงบประมาณและปฏิทิน", "registry:years", is_staff_user, order=20)
        nav.register(
            gettext_noop("จังหวัดเข้าร่วมโครงการ"),
            "registry:province_join",
            is_admin | is_national_staff,
            order=21,
        )
        nav.register("หน่วยนับ", "registry:units", is_district_or_province, order=22)
        nav.register("เป้าหมายและผลการรับสมัคร", "registry:targets", is_district_or_province, order=23)
        nav.register("งานขั้นเตรียมการ", "registry:stage1_index", is_district_or_province, order=24)
        nav.register("ภาพกิจกรรม", "registry:photos_index", is_district_or_province, order=25)
        nav.register("หมู่บ้าน", "registry:villages_index", is_district_or_province, order=26)
        landing.register("registry/panel_district.html", is_district_or_province, district_panel, order=20)
        generated.register(builders.UNITS_KIND, builders.units_xlsx)
        calendar.register("registry.deadlines", deadline_events)
        from apps.core import personaldata, reminders

        from . import personal, privacy_reminders

        personaldata.register(personal.HOLDER)
        from .services_retention import register_sources

        register_sources()
        generated.register(builders.ACCESS_JSON, builders.subject_access_json)
        generated.register(builders.ACCESS_PDF, builders.subject_access_pdf)
        reminders.register(
            privacy_reminders.SOURCE, privacy_reminders.requests_due, still_due=privacy_reminders.still_due
        )
        landing.register(
            "registry/panel_requests.html", privacy_reminders.sees_requests, privacy_reminders.panel, order=15
        )
