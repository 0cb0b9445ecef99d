"""A province joins without the admin (issue 20 item 4): the centre opens its first year and invites its staff."""

import pytest
from django.core import mail

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment, User
from apps.registry.models import DistrictTarget, ProgrammeYear
from tests.factories import with_role


@pytest.fixture
def centre(db):
    return with_role(Role.NATIONAL_STAFF)


def _post(c, **over):
    data = {
        "province": "64",
        "fiscal_year": "2570",
        "level_district": "on",
        "level_zone": "on",
        "level_committee": "on",
        "email": "Staff64@Example.org",
        "first_name": "สมหญิง",
        "last_name": "ทดลอง",
        "position": "นักวิชาการพัฒนาชุมชนชำนาญการ",
    }
    data.update(over)
    return c.post("/app/provinces/join/", {k: v for k, v in data.items() if v is not None})


@pytest.mark.django_db
def test_centre_opens_a_province_and_invites_its_staff(as_user, centre, django_capture_on_commit_callbacks):
    c = as_user(centre)
    assert c.get("/app/provinces/join/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = _post(c, level_subcommittee="on")
    assert r.status_code == 302
    year = ProgrammeYear.objects.get(province_id="64")
    assert year.fiscal_year == 2570 and year.level_subcommittee and year.level_zone
    assert year.stage_periods.count() == 5 and year.deadlines.exists()  # the guideline's first dates
    assert DistrictTarget.objects.filter(year=year).values("district").distinct().count() == 9
    user = User.objects.get(email="staff64@example.org")
    assert not user.has_usable_password()
    assert RoleAssignment.objects.get(user=user).role == Role.PROVINCE_STAFF
    assert len(mail.outbox) == 1 and "/app/invitation/" in mail.outbox[0].body
    page = c.get("/app/provinces/join/").content.decode()
    assert "สุโขทัย" in page  # listed among the provinces that joined


@pytest.mark.django_db
def test_the_new_staff_run_their_province(as_user, centre, django_capture_on_commit_callbacks):
    c = as_user(centre)
    with django_capture_on_commit_callbacks(execute=True):
        _post(c)
    staff = User.objects.get(email="staff64@example.org")
    year = ProgrammeYear.objects.get(province_id="64")
    c = as_user(staff)
    assert c.get(f"/app/years/{year.pk}/").status_code == 200
    r = c.post(f"/app/years/{year.pk}/zones/new/", {"name": "โซนที่ 1", "districts": ["6401", "6402"]})
    assert r.status_code == 302
    r = c.post(
        "/app/people/invite/",
        {
            "u-email": "district6401@example.net",
            "u-first_name": "พัฒนาการ",
            "u-last_name": "เมืองสุโขทัย",
            "r-role": Role.DISTRICT_OFFICER,
            "r-district": "6401",
        },
    )
    assert r.status_code == 302
    # …and nothing of another province
    assert (
        c.post(
            "/app/people/invite/",
            {
                "u-email": "x@example.net",
                "u-first_name": "ก",
                "u-last_name": "ข",
                "r-role": Role.DISTRICT_OFFICER,
                "r-district": "6501",
            },
        ).status_code
        == 200
    )


@pytest.mark.django_db
def test_bad_input_saves_nothing(as_user, centre, staff):
    c = as_user(centre)
    r = _post(c, level_committee=None)
    assert r.status_code == 200 and "คณะกรรมการจังหวัดเสมอ" in r.content.decode()
    from tests.factories import programme_year

    programme_year("65", 2570)
    r = _post(c, province="65")  # Phitsanulok has joined already: not offered
    assert r.status_code == 200 and not User.objects.filter(email="staff64@example.org").exists()
    r = _post(c, fiscal_year="70")
    assert r.status_code == 200
    assert not ProgrammeYear.objects.filter(province_id="64").exists() and not mail.outbox


@pytest.mark.django_db
def test_an_existing_account_gets_the_role_without_an_invitation(as_user, centre, officer):
    c = as_user(centre)
    r = _post(c, email=officer.email)
    assert r.status_code == 302 and not mail.outbox
    assert officer.role_assignments.filter(role=Role.PROVINCE_STAFF, province_id="64").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff", "national"])
def test_only_the_centre_lets_a_province_join(as_user, request, who):
    c = as_user(request.getfixturevalue(who))
    assert c.get("/app/provinces/join/").status_code == 403
    assert _post(c).status_code == 403
    assert not ProgrammeYear.objects.filter(province_id="64").exists()
