import pytest
from django.contrib.contenttypes.models import ContentType


@pytest.mark.django_db
def test_landing_lists_deadlines_of_scope(as_user, year, officer, stranger, settings):
    r = as_user(officer).get("/app/")
    assert r.status_code == 200
    assert "ปีงบประมาณและปฏิทิน" in r.content.decode()
    r = as_user(stranger).get("/app/")
    assert "พิษณุโลก" not in r.content.decode()


@pytest.mark.django_db
def test_history_for_staff_only(as_user, year, staff, officer, stranger):
    ct = ContentType.objects.get_for_model(year)
    url = f"/app/history/{ct.pk}/{year.pk}/"
    r = as_user(staff).get(url)
    assert r.status_code == 200 and "programme_year.opened" in r.content.decode()
    assert as_user(officer).get(url).status_code == 403
    assert as_user(stranger).get(url).status_code == 404
    assert as_user(staff).get(f"/app/history/{ct.pk}/999999/").status_code == 404
    assert as_user(staff).get(f"/app/history/99999/{year.pk}/").status_code == 404


@pytest.mark.django_db
def test_language_switch(client):
    r = client.get("/lang/en/?next=/units/")
    assert r.status_code == 302 and r["Location"] == "/units/"
    assert client.cookies["django_language"].value == "en"
    assert 'lang="en"' in client.get("/").content.decode()
    r = client.get("/lang/th/?next=https://evil.example.com/")
    assert r["Location"] == "/"
    assert 'lang="th"' in client.get("/").content.decode()
    assert client.get("/lang/xx/?next=/").status_code == 302


@pytest.mark.django_db
def test_public_pages_carry_no_csrf_cookie(client):
    r = client.get("/")
    assert "csrftoken" not in r.cookies
