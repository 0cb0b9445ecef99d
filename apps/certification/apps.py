from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "apps.certification"
    verbose_name = "การรับรองและเชิดชูเกียรติ"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from apps.accounts.rules import is_province_staff
        from apps.core import generated, landing, nav
        from apps.core.notices import register_kind
        from apps.evaluation import signals as evaluation_signals

        from . import builders, receivers
        from .landing import context
        from .rules import reads_certificates
        from .services import NOTICE_REINSTATED, NOTICE_REVOKED

        register_kind(NOTICE_REVOKED, _("เพิกถอนใบรับรองแล้ว"))
        register_kind(NOTICE_REINSTATED, _("คืนสถานะใบรับรองแล้ว"))
        evaluation_signals.deciding.connect(
            receivers.refuse_pass_of_revoked, dispatch_uid="certification-deciding"
        )
        evaluation_signals.deciding.connect(
            receivers.refuse_meeting_after_certificate, dispatch_uid="certification-deciding-meeting"
        )
        evaluation_signals.decided.connect(receivers.follow_decision, dispatch_uid="certification-decided")
        generated.register(builders.CERTIFICATE_KIND, builders.certificates_pdf)
        generated.register(builders.YEAR_KIND, builders.certificates_pdf)
        generated.register(builders.CEREMONY_KIND, builders.ceremony_pdf)

        nav.register("ใบรับรอง", "certification:certificates", reads_certificates, order=60)
        nav.register("การเชิดชูเกียรติ", "certification:honours", reads_certificates, order=61)
        landing.register("certification/_landing_panel.html", is_province_staff, context, order=60)
