"""Demo data for a realistic year (DESIGN §6). Idempotent: run it as often as you like.
Each app adds its part in `apps/<app>/demo.py` with `seed(ctx)`; they run in the order below."""

import importlib
import types

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

STEPS = [
    "apps.accounts.demo",
    "apps.registry.demo",
    "apps.development.demo",
    "apps.evaluation.demo",
    "apps.certification.demo",
    "apps.reporting.demo",
    "apps.paperwork.demo",
    "apps.notifications.demo",
    "apps.public.demo",
    # A second, smaller province after Phitsanulok's steps (issue 20 item 4).
    "apps.workspace.demo_sukhothai",
    # The centre's standards catalogue, adopted by both provinces (issue 20 item 1).
    "apps.development.demo_national",
]


class Command(BaseCommand):
    help = "สร้างข้อมูลสาธิต: จังหวัดพิษณุโลก 9 อำเภอ ปี 2569 ครบวงจร และปี 2570 ระหว่างดำเนินการ"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run even when DEBUG is off")

    def handle(self, *args, **opts):
        if not settings.DEBUG and not opts["force"]:
            raise CommandError(
                "seed_demo creates accounts with a published password; refused with DEBUG off (use --force)."
            )
        from apps.geo.loader import load_geography
        from apps.geo.models import District, Province, Subdistrict

        load_geography(Province, District, Subdistrict)
        ctx = types.SimpleNamespace(stdout=self.stdout)
        for name in STEPS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            with transaction.atomic():
                module.seed(ctx)
            self.stdout.write(f"seeded {name.removeprefix('apps.').removesuffix('.demo')}")
        self.stdout.write(
            self.style.SUCCESS("demo data ready — password for every demo account: mchch-demo-2570")
        )
