"""Benchmark (issue 7, Speed): the ceremony PDF of N certificates must build in under 60 s.

    python manage.py bench_certificate_pdf --count 150

Uses the existing certificates (repeated to reach N, e.g. after seed_demo) and prints the time."""

import time

from django.core.management.base import BaseCommand, CommandError

from apps.certification.models import Certificate
from apps.certification.pdf import render_certificates_pdf


class Command(BaseCommand):
    help = "Time the ceremony PDF of N certificates"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=150)
        parser.add_argument("--out", default="")

    def handle(self, *args, count, out, **kw):
        certs = list(
            Certificate.objects.select_related(
                "unit__district__province", "unit__subdistrict", "unit__village", "year__province"
            ).order_by("seq")
        )
        if not certs:
            raise CommandError("no certificates: run seed_demo first")
        certs = (certs * (count // len(certs) + 1))[:count]
        t = time.perf_counter()
        pdf = render_certificates_pdf(certs)
        took = time.perf_counter() - t
        if out:
            with open(out, "wb") as f:
                f.write(pdf)
        self.stdout.write(
            f"{count} certificates: {took:.1f} s, {len(pdf) // 1024} KB "
            f"({'OK' if took < 60 else 'SLOWER THAN 60 s'})"
        )
