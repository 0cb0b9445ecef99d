from django.apps import AppConfig


class PaperworkConfig(AppConfig):
    name = "apps.paperwork"
    verbose_name = "หนังสือราชการ"

    def ready(self):
        from apps.core import generated, nav

        from . import builders, rules

        nav.register("หนังสือราชการ", "paperwork:offices", rules.reads_offices, order=64)
        generated.register(builders.PDF_KIND, builders.document_pdf)
        generated.register(builders.DOCX_KIND, builders.document_docx)
