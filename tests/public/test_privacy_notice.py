"""Issue 19 item 2: the privacy notice at /privacy/ (controller and DPO from data, purposes, lawful basis,
retention, rights), linked from every page's footer and the login page; the province keeps its contact."""

import pytest

from apps.core.models import AuditEvent
from apps.public.models import PrivacyContact
from tests.factories import programme_year

pytestmark = pytest.mark.django_db


def test_notice_names_controller_dpo_basis_retention_and_rights(client):
    programme_year()
    PrivacyContact.objects.create(
        province_id="65",
        controller="สำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก",
        dpo_name="เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล สพจ.พล.",
        dpo_email="dpo@example.org",
    )
    body = client.get("/privacy/").content.decode()
    for text in (
        "สำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก",
        "dpo@example.org",
        "มาตรา 24 (4)",  # public task: the registry
        "มาตรา 19",  # consent: publication
        "ระยะเวลาเก็บรักษา",
        "3 ปี",  # applicants' IDs (retention default)
        "30 วัน",
        "ถอนความยินยอม",
    ):
        assert text in body, text


def test_without_data_the_office_of_the_province_is_named(client):
    programme_year()
    body = client.get("/privacy/").content.decode()
    assert "สำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก" in body


def test_english_through_the_language_switch(client):
    programme_year()
    body = client.get("/lang/en/?next=/privacy/", follow=True).content.decode()
    assert "Privacy notice" in body and "Lawful basis" in body


@pytest.mark.parametrize("path", ["/", "/units/", "/verify/", "/accounts/login/", "/privacy/"])
def test_every_public_page_and_the_login_link_to_the_notice(client, path):
    assert 'href="/privacy/"' in client.get(path).content.decode()


def test_province_staff_edit_the_contact_audited(as_user, staff):
    c = as_user(staff)
    r = c.get("/app/public-profiles/privacy/65/")
    assert r.status_code == 200 and "สำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก" in r.content.decode()
    r = c.post(
        "/app/public-profiles/privacy/65/",
        {"controller": "สพจ.พิษณุโลก", "dpo_name": "DPO สพจ.", "dpo_email": "not-an-email"},
    )
    assert r.status_code == 200 and not PrivacyContact.objects.exists()  # a Thai message, nothing written
    r = c.post(
        "/app/public-profiles/privacy/65/",
        {"controller": "สพจ.พิษณุโลก", "dpo_name": "DPO สพจ.", "dpo_email": "dpo@example.org"},
    )
    assert r.status_code == 302
    assert PrivacyContact.objects.get(province_id="65").dpo_email == "dpo@example.org"
    assert AuditEvent.objects.filter(action="privacy.contact_saved").count() == 1


def test_district_reads_nothing_to_edit_and_another_province_gets_404(as_user, officer, stranger):
    assert as_user(officer).get("/app/public-profiles/privacy/65/").status_code == 403
    assert as_user(stranger).get("/app/public-profiles/privacy/65/").status_code == 404


def test_a_saved_contact_shows_at_once_on_the_cached_notice(client, staff):
    from apps.public import services

    programme_year()
    client.get("/privacy/")  # cached
    contact = PrivacyContact(province_id="65")
    services.save_privacy_contact(
        contact, {"controller": "สำนักงานใหม่", "dpo_email": "a@example.org"}, by=staff
    )
    assert "a@example.org" in client.get("/privacy/").content.decode()
