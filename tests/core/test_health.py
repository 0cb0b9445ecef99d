import pytest


@pytest.mark.django_db
def test_healthz_reports_database_cache_and_broker(client):
    r = client.get("/healthz/")
    assert r.status_code == 200
    data = r.json()
    assert data["status"] == "ok"
    assert set(data) >= {"database", "cache", "broker"}
    assert data["database"]["ok"] and data["cache"]["ok"]


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    r = client.get("/")
    assert "script-src 'self'" in r["Content-Security-Policy"]
    assert r["X-Frame-Options"] == "DENY"
    assert "<script>" not in r.content.decode()
