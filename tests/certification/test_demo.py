import pytest
from django.core.management import call_command

from apps.certification.models import Certificate, Honour
from apps.registry.enums import Outcome
from apps.registry.models import Enrolment


@pytest.mark.django_db
def test_demo_certificates_for_fy_2569(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    certified = Enrolment.objects.filter(year__fiscal_year=2569, outcome=Outcome.CERTIFIED)
    certs = Certificate.objects.filter(year__fiscal_year=2569)
    assert certs.count() == certified.count() > 0
    assert all(c.certified_on.month in (8, 9) and c.certified_on.year == 2026 for c in certs)
    assert certs.filter(awarded_on__month=11).exists() and certs.filter(awarded_on__isnull=True).exists()
    revoked = certs.get(revoked_at__isnull=False)
    assert revoked.revoked_reason
    assert Honour.objects.filter(giver_level="district").exists() and Honour.objects.filter(
        giver_level="province"
    )
    before = (certs.count(), Honour.objects.count(), sorted(certs.values_list("seq", flat=True)))
    call_command("seed_demo")
    assert (certs.count(), Honour.objects.count(), sorted(certs.values_list("seq", flat=True))) == before
    for year in set(certs.values_list("year", flat=True)):  # no gaps, in each province's year (two provinces)
        seqs = sorted(certs.filter(year=year).values_list("seq", flat=True))
        assert seqs == list(range(1, len(seqs) + 1))
    assert client.get(f"/verify/{certs.valid().first().code}/").status_code == 200
    client.post("/accounts/login/", {"login": "province@example.org", "password": "mchch-demo-2570"})
    page = client.get("/app/certificates/").content.decode()
    assert "พล 1/2569" in page and "การเชิดชูเกียรติ" in page
