import pytest

from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_login_with_email_and_password_lands_on_workspace(client, officer):
    r = client.post("/accounts/login/", {"login": officer.email, "password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == "/app/"
    assert client.get("/app/").status_code == 200


@pytest.mark.django_db
def test_wrong_password_gets_thai_message(client, officer):
    r = client.post("/accounts/login/", {"login": officer.email, "password": "wrong-password"})
    assert r.status_code == 200
    assert "ไม่ถูกต้อง" in r.content.decode()


@pytest.mark.django_db
def test_disabled_account_cannot_log_in(client):
    user = UserFactory(is_active=False)
    r = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert r.status_code in (200, 302)
    assert client.get("/app/").status_code == 302  # still anonymous


@pytest.mark.django_db
def test_login_is_rate_limited(client, officer):
    for _ in range(6):
        client.post("/accounts/login/", {"login": officer.email, "password": "wrong"})
    r = client.post("/accounts/login/", {"login": officer.email, "password": PASSWORD})
    assert r.status_code in (200, 429)
    assert client.get("/app/").status_code == 302


@pytest.mark.django_db
def test_no_public_signup(client):
    r = client.get("/accounts/signup/")
    assert r.status_code in (200, 403)
    assert "ปิด" in r.content.decode() or r.status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    r = client.get("/app/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_user_without_role_is_refused(client):
    client.force_login(UserFactory(), backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get("/app/").status_code == 403


@pytest.mark.django_db
def test_provincial_staff_must_set_up_mfa_when_required(client, staff, settings, officer):
    settings.MFA_REQUIRED = True
    client.force_login(staff, backend="allauth.account.auth_backends.AuthenticationBackend")
    r = client.get("/app/")
    assert r.status_code == 302 and "/accounts/2fa/" in r["Location"]
    client.force_login(officer, backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get("/app/").status_code == 200
