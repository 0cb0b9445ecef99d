import pytest
from django.core import mail

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment, User
from apps.core.models import AuditEvent


@pytest.mark.django_db
def test_staff_invites_a_district_officer(as_user, staff, django_capture_on_commit_callbacks):
    c = as_user(staff)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(
            "/app/people/invite/",
            {
                "u-email": "New.Officer@Example.org",
                "u-title": "นาย",
                "u-first_name": "ใหม่",
                "u-last_name": "ทดลอง",
                "u-position": "นักวิชาการพัฒนาชุมชน",
                "r-role": Role.DISTRICT_OFFICER,
                "r-district": "6503",
            },
        )
    assert r.status_code == 302
    user = User.objects.get(email="new.officer@example.org")
    assert not user.has_usable_password()
    assert RoleAssignment.objects.get(user=user).district_id == "6503"
    assert len(mail.outbox) == 1 and "/app/invitation/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="user.invited").exists()


@pytest.mark.django_db
def test_invite_of_existing_email_saves_nothing(as_user, staff, officer):
    c = as_user(staff)
    n = User.objects.count()
    r = c.post(
        "/app/people/invite/",
        {
            "u-email": officer.email,
            "u-first_name": "ซ้ำ",
            "u-last_name": "ซ้ำ",
            "r-role": Role.DISTRICT_OFFICER,
            "r-district": "6501",
        },
    )
    assert r.status_code == 200 and "มีบัญชีของอีเมล" in r.content.decode()
    assert User.objects.count() == n and not mail.outbox


@pytest.mark.django_db
def test_role_needs_its_scope(as_user, staff, officer):
    c = as_user(staff)
    r = c.post(f"/app/people/{officer.pk}/", {"role": Role.ZONE_MEMBER})
    assert r.status_code == 200 and "ต้องระบุโซน" in r.content.decode()


@pytest.mark.django_db
def test_staff_adds_and_removes_roles_and_deactivates(as_user, staff, officer):
    c = as_user(staff)
    assert c.get("/app/people/").status_code == 200
    r = c.post(f"/app/people/{officer.pk}/", {"role": Role.DISTRICT_COMMITTEE, "district": "6501"})
    assert r.status_code == 302
    ra = RoleAssignment.objects.get(user=officer, role=Role.DISTRICT_COMMITTEE)
    assert c.post(f"/app/people/{officer.pk}/roles/{ra.pk}/remove/").status_code == 302
    assert not RoleAssignment.objects.filter(pk=ra.pk).exists()
    assert c.post(f"/app/people/{officer.pk}/active/", {"active": "0"}).status_code == 302
    officer.refresh_from_db()
    assert not officer.is_active
    assert c.post(f"/app/people/{officer.pk}/active/", {"active": "1"}).status_code == 302


@pytest.mark.django_db
def test_staff_cannot_deactivate_themselves(as_user, staff):
    c = as_user(staff)
    c.post(f"/app/people/{staff.pk}/active/", {"active": "0"})
    staff.refresh_from_db()
    assert staff.is_active


@pytest.mark.django_db
def test_people_permissions(as_user, officer, national, stranger, staff):
    assert as_user(officer).get("/app/people/").status_code == 403
    assert as_user(national).get("/app/people/").status_code == 403
    # staff of another province does not see our officer at all
    assert as_user(stranger).get(f"/app/people/{officer.pk}/").status_code == 404
    assert as_user(stranger).post(f"/app/people/{officer.pk}/active/", {"active": "0"}).status_code == 404
