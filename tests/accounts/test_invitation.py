"""An invitation e-mail's link: valid → allauth's set-password form; used or expired → a clear Thai page (410);
staff send a fresh one (issue 20 item 4)."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from apps.accounts.enums import Role
from apps.accounts.models import User
from apps.core.models import AuditEvent


def _invite(c, email, capture, role=Role.DISTRICT_OFFICER, district="6503"):
    with capture(execute=True):
        r = c.post(
            "/app/people/invite/",
            {
                "u-email": email,
                "u-first_name": "ใหม่",
                "u-last_name": "ทดลอง",
                "r-role": role,
                "r-district": district,
                "r-province": "65",
            },
        )
    assert r.status_code == 302, r.content.decode()[:2000]
    return re.search(r"https?://\S+(/app/invitation/\S+/)", mail.outbox[-1].body).group(1)


@pytest.mark.django_db
def test_invitee_sets_their_password(as_user, staff, django_capture_on_commit_callbacks):
    link = _invite(as_user(staff), "officer.new@example.org", django_capture_on_commit_callbacks)
    client = Client()
    assert "ภายใน 3 วัน" in mail.outbox[-1].body
    r = client.get(link)
    assert r.status_code == 302 and "/accounts/password/reset/key/" in r.headers["Location"]
    r = client.get(r.headers["Location"], follow=True)
    assert r.status_code == 200
    form_url = r.redirect_chain[-1][0]
    r = client.post(form_url, {"password1": "a-long-new-pass-2570", "password2": "a-long-new-pass-2570"})
    assert r.status_code == 302
    user = User.objects.get(email="officer.new@example.org")
    assert user.has_usable_password() and user.check_password("a-long-new-pass-2570")
    # used once: the same link now says so
    r = client.get(link)
    assert r.status_code == 410 and "หมดอายุหรือถูกใช้ไปแล้ว" in r.content.decode()


@pytest.mark.django_db
def test_expired_invitation_gets_a_thai_page(as_user, staff, django_capture_on_commit_callbacks):
    link = _invite(as_user(staff), "late@example.org", django_capture_on_commit_callbacks)
    client = Client()
    with override_settings(PASSWORD_RESET_TIMEOUT=-1):
        r = client.get(link)
    body = r.content.decode()
    assert r.status_code == 410
    assert "ลิงก์คำเชิญนี้หมดอายุหรือถูกใช้ไปแล้ว" in body and "ขอให้ส่งคำเชิญใหม่" in body
    assert not User.objects.get(email="late@example.org").has_usable_password()


@pytest.mark.django_db
@pytest.mark.parametrize("uid,key", [("zz", "x"), ("0", "abc-def"), ("999999999999999999999", "k")])
def test_unknown_invitation_link_is_the_same_page_never_an_error(client, uid, key):
    r = client.get(f"/app/invitation/{uid}/{key}/")
    assert r.status_code == 410 and "หมดอายุ" in r.content.decode()


@pytest.mark.django_db
def test_staff_send_a_fresh_invitation(as_user, staff, officer, django_capture_on_commit_callbacks):
    c = as_user(staff)
    _invite(c, "again@example.org", django_capture_on_commit_callbacks)
    user = User.objects.get(email="again@example.org")
    assert "ส่งคำเชิญใหม่" in c.get(f"/app/people/{user.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(f"/app/people/{user.pk}/reinvite/")
    assert r.status_code == 302 and len(mail.outbox) == 2
    assert AuditEvent.objects.filter(action="user.reinvited").exists()
    # someone who has set a password is told to use "forgot password" instead
    r = c.post(f"/app/people/{officer.pk}/reinvite/", follow=True)
    assert "ลืมรหัสผ่าน" in r.content.decode() and len(mail.outbox) == 2


@pytest.mark.django_db
def test_province_staff_invite_committee_members(as_user, staff, django_capture_on_commit_callbacks):
    _invite(
        as_user(staff),
        "member@example.org",
        django_capture_on_commit_callbacks,
        role=Role.COMMITTEE_MEMBER,
        district="",
    )
    assert User.objects.get(email="member@example.org").role_assignments.get().province_id == "65"
