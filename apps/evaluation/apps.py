from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "apps.evaluation"
    verbose_name = "การประเมิน"

    def ready(self):
        from apps.accounts.rules import is_admin, is_district_officer, is_national_viewer, is_province_staff
        from apps.core import generated, landing, nav

        from . import builders, reminders, rules  # rules: registers the permissions
        from .landing import decisions_context, scorecards_context

        organisers = is_admin | is_province_staff | is_district_officer | is_national_viewer
        nav.register("คณะกรรมการ", "evaluation:committees", organisers | rules.sits_on_a_committee, order=60)
        nav.register("บุคคล", "evaluation:people", organisers, order=60.5)
        nav.register("รอบการประเมิน", "evaluation:rounds", organisers | rules.sits_on_a_committee, order=61)
        nav.register("ให้คะแนน", "evaluation:my_scorecards", rules.sits_on_a_committee, order=62)
        nav.register("ต้นแบบอำเภอ", "evaluation:exemplars", organisers | rules.sits_on_a_committee, order=63)
        landing.register(
            "evaluation/panel_scorecards.html", rules.sits_on_a_committee, scorecards_context, order=12
        )
        reminders.register()
        landing.register(
            "evaluation/panel_decisions.html", rules.chairs_a_committee, decisions_context, order=13
        )
        generated.register(builders.EXEMPLAR_KIND, builders.exemplar_pptx)
        from apps.core import personaldata

        from . import personal

        personaldata.register(personal.HOLDER)
        from apps.accounts.personal import register_block

        register_block(personal.person_blocks)
        generated.register(builders.SHEETS_KIND, builders.scoring_sheets_pdf)
