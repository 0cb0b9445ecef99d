from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "apps.development"
    verbose_name = "การเรียนรู้และพัฒนาตนเอง"

    def ready(self):
        from apps.core import generated, landing, nav
        from apps.registry.signals import year_opened

        from . import documents, rules
        from .landing import landing_context
        from .services.catalogue import on_year_opened

        year_opened.connect(on_year_opened, dispatch_uid="development.copy_catalogue_forward")
        nav.register("มาตรฐาน/ตัวชี้วัด", "development:standards", rules.sees_catalogue, order=30)
        nav.register("ประเมินตนเองและแผน", "development:units", rules.reads_units, order=32)
        nav.register("ติดตามนิเทศ", "development:supervision", rules.reads_units, order=34)
        nav.register("งานภาคสนาม", "development:field", rules.is_district_officer, order=35)
        landing.register("development/panel.html", rules.is_district_officer, landing_context, order=30)
        generated.register(documents.ASSESSMENT_KIND, documents.build_assessment_pdf)
        generated.register(documents.PLAN_KIND, documents.build_plan_pdf)
        generated.register(documents.STANDARDS_KIND, documents.build_standards_xlsx)
