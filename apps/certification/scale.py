"""seed_scale step: certificates for every certified enrolment of the synthetic national data (bulk, numbered)."""

import datetime as dt

from apps.registry.enums import Outcome
from apps.registry.models import Enrolment

from .models import Certificate, CertificateCounter


def seed(ctx):
    for pys in ctx.programme_years.values():
        for py in pys:
            enrolments = list(
                Enrolment.objects.filter(year=py, outcome=Outcome.CERTIFIED, certificate__isnull=True)
                .only("pk", "unit_id")
                .order_by("pk")
            )
            certified_on = dt.date(py.fiscal_year - 543, 8, 25)
            certs = [
                Certificate(
                    year=py,
                    unit_id=e.unit_id,
                    enrolment_id=e.pk,
                    seq=i,
                    number=py.certificate_pattern.format(
                        province=py.province_id, province_name="", year=py.fiscal_year, seq=i
                    ),
                    certified_on=certified_on,
                )
                for i, e in enumerate(enrolments, 1)
            ]
            Certificate.objects.bulk_create(certs, batch_size=2000)
            CertificateCounter.objects.update_or_create(year=py, defaults={"last_seq": len(certs)})
