import pytest
from django.core import mail

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment, User
from apps.core.models import AuditEvent
from apps.evaluation.models import Committee, CommitteeMember

pytestmark = pytest.mark.django_db


def test_staff_forms_a_zone_committee_and_invites_an_outside_member(
    as_user, staff, year, zones, django_capture_on_commit_callbacks
):
    c = as_user(staff)
    assert c.get("/app/evaluation/committees/new/").status_code == 200
    r = c.post(
        "/app/evaluation/committees/new/",
        {"year": year.pk, "level": "zone", "zone": zones[0].pk, "name": "คณะทำงานโซนที่ 1"},
    )
    assert r.status_code == 302
    committee = Committee.objects.get(level="zone")
    url = f"/app/evaluation/committees/{committee.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(
            url,
            {
                "email": "partner@example.org",
                "with_account": "on",
                "title": "นาง",
                "first_name": "สมใจ",
                "last_name": "ภาคี",
                "position": "ผู้แทน ธ.ก.ส.",
                "role": "member",
                "affiliation": "ภาคีการพัฒนา",
                "home_district": "6505",
            },
        )
    assert r.status_code == 302
    partner = User.objects.get(email="partner@example.org")
    assert not partner.has_usable_password() and len(mail.outbox) == 1
    assert RoleAssignment.objects.filter(
        user=partner, role=Role.ZONE_MEMBER, zone=zones[0], fiscal_year=2570
    ).exists()
    assert "สมใจ" in c.get(url).content.decode()
    # a second chair is refused with a Thai message
    seat_user = User.objects.create_user("c1@example.org")
    RoleAssignment.objects.create(user=seat_user, role=Role.PROVINCE_STAFF, province=year.province)
    assert c.post(url, {"user": seat_user.pk, "role": "chair"}).status_code == 302
    other = User.objects.create_user("c2@example.org")
    RoleAssignment.objects.create(user=other, role=Role.PROVINCE_STAFF, province=year.province)
    r = c.post(url, {"user": other.pk, "role": "chair"})
    assert r.status_code == 200 and "มีประธานแล้ว" in r.content.decode()
    assert AuditEvent.objects.filter(action="committee.member_added").count() == 2


def test_committee_pages_per_persona(
    as_user,
    staff,
    officer,
    national,
    neighbour,
    stranger,
    zone_committee,
    zone_member,
    district_committee,
    other_zone,
):
    url = f"/app/evaluation/committees/{zone_committee.pk}/"
    assert as_user(staff).get("/app/evaluation/committees/").status_code == 200
    assert as_user(staff).get(url).status_code == 200
    assert as_user(national).get(url).status_code == 200
    assert (
        as_user(national)
        .post(url, {"email": "x@example.org", "first_name": "x", "role": "member"})
        .status_code
        == 403
    )
    assert as_user(zone_member).get(url).status_code == 200
    assert (
        as_user(zone_member)
        .post(url, {"email": "x@example.org", "first_name": "x", "role": "member"})
        .status_code
        == 403
    )
    assert as_user(stranger).get(url).status_code == 404
    assert as_user(other_zone).get(url).status_code == 404  # another zone's member sees nothing of zone 1
    assert as_user(neighbour).get(url).status_code == 404
    # the district officer runs the district committee of 6501 but not the zone's
    durl = f"/app/evaluation/committees/{district_committee.pk}/"
    assert as_user(officer).get(durl).status_code == 200
    assert as_user(neighbour).get(durl).status_code == 404
    lst = as_user(zone_member).get("/app/evaluation/committees/").content.decode()
    assert "คณะทำงานโซน 1" in lst and "คณะทำงานโซน 2" not in lst


def test_district_officer_forms_own_district_committee_only(as_user, officer, year, zones):
    c = as_user(officer)
    r = c.post(
        "/app/evaluation/committees/new/",
        {"year": year.pk, "level": "district", "district": "6501", "name": "คณะกรรมการอำเภอเมือง"},
    )
    assert r.status_code == 302
    r = c.post(
        "/app/evaluation/committees/new/",
        {"year": year.pk, "level": "zone", "zone": zones[0].pk, "name": "โซน"},
    )
    assert r.status_code == 403
    # twice the same scope: a Thai message
    r = c.post(
        "/app/evaluation/committees/new/",
        {"year": year.pk, "level": "district", "district": "6501", "name": "ซ้ำ"},
    )
    assert r.status_code == 200 and "มีคณะกรรมการของระดับและพื้นที่นี้" in r.content.decode()


def test_level_switched_off_refused(as_user, staff, year):
    r = as_user(staff).post(
        "/app/evaluation/committees/new/", {"year": year.pk, "level": "subcommittee", "name": "อนุกรรมการ"}
    )
    assert r.status_code == 200 and "ไม่ได้เปิดใช้" in r.content.decode()


def test_remove_member(as_user, staff, national, stranger, zone_committee, zone_member):
    seat = CommitteeMember.objects.get(committee=zone_committee, user=zone_member)
    url = f"/app/evaluation/committees/{zone_committee.pk}/members/{seat.pk}/remove/"
    assert as_user(national).post(url).status_code == 403
    assert as_user(stranger).post(url).status_code == 404
    assert as_user(staff).post(url).status_code == 302
    assert not CommitteeMember.objects.filter(pk=seat.pk).exists()
