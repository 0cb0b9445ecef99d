from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "apps.reporting"
    verbose_name = "รายงานถึงจังหวัด"

    def ready(self):
        from apps.core import generated, landing, nav

        from . import builders, rules, services
        from .landing import district_panel, province_panel, reads_reports, sends_reports

        nav.register("รายงานถึงจังหวัด", "reporting:my_reports", sends_reports, order=60)
        nav.register("ตรวจรายงานอำเภอ", "reporting:review", reads_reports, order=61)
        nav.register(
            "แดชบอร์ด",
            "reporting:dashboard",
            rules.reads_province_reports | rules.is_district_officer,
            order=62,
        )
        nav.register("ภาพรวมระดับประเทศ", "reporting:national", rules.reads_the_country, order=63)
        landing.register("reporting/panel_district.html", sends_reports, district_panel, order=10)
        landing.register("reporting/panel_province.html", reads_reports, province_panel, order=11)
        generated.register(services.PDF_KIND, builders.submission_pdf)
        generated.register(services.PREVIEW_KIND, builders.preview_pdf)
        generated.register(services.SUMMARY_KIND, builders.province_summary_pdf)
        generated.register(services.NATIONAL_PDF_KIND, builders.national_summary_pdf)
        generated.register(services.NATIONAL_XLSX_KIND, builders.national_summary_xlsx)
        generated.register(services.REPORT_XLSX_KIND, builders.submission_xlsx)
        generated.register(services.REVIEW_XLSX_KIND, builders.review_xlsx)
        generated.register(services.DASHBOARD_XLSX_KIND, builders.dashboard_xlsx)
