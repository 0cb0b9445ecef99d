"""Staff area: the district drafts, the province publishes, chooses photos and hides (DESIGN §7).
Guideline 2.11: "จัดทำ Profile ของกลุ่มเป้าหมายที่ผ่านการรับรองมาตรฐาน ... และประชาสัมพันธ์เผยแพร่"."""

import pytest

from apps.core.models import AuditEvent
from apps.public.enums import ProfileStatus
from apps.public.models import PublicProfile

from .factories import certified_unit, photo

pytestmark = pytest.mark.django_db
BASE = "/app/public-profiles/"


def draft(**kw):
    return {
        "summary": "กลุ่มระดมเงินออมทุกเดือน",
        "results": "สมาชิกเพิ่มขึ้น",
        "practices": "เปิดเผยบัญชี",
        "version": 1,
        **kw,
    }


def test_anonymous_is_sent_to_login(client, unit):
    r = client.get(BASE)
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


@pytest.mark.parametrize(
    "who,sees",
    [("staff", True), ("officer", True), ("national", True), ("neighbour", False), ("stranger", False)],
)
def test_list_is_scoped(request, as_user, unit, who, sees):
    client = as_user(request.getfixturevalue(who))
    r = client.get(BASE)
    assert r.status_code == 200
    assert (unit.name in r.content.decode()) is sees


def test_list_status_filter(as_user, staff, unit, published):
    client = as_user(staff)
    for status in ("", "none", "hidden", "published", "draft", "nonsense"):
        assert client.get(BASE, {"status": status}).status_code == 200
    assert unit.name in client.get(BASE, {"status": "published"}).content.decode()
    assert unit.name not in client.get(BASE, {"status": "none"}).content.decode()


def test_district_officer_drafts_and_submits_province_publishes(client, as_user, officer, staff, unit):
    c = as_user(officer)
    assert c.get(f"{BASE}{unit.pk}/").status_code == 200
    r = c.post(f"{BASE}{unit.pk}/", draft())
    assert r.status_code == 302
    profile = PublicProfile.objects.get(unit=unit)
    assert profile.summary == "กลุ่มระดมเงินออมทุกเดือน" and profile.status == ProfileStatus.DRAFT
    assert c.post(f"{BASE}{unit.pk}/submit/").status_code == 302
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.SUBMITTED
    # The district may not publish.
    assert c.post(f"{BASE}{unit.pk}/publish/").status_code == 403
    c = as_user(staff)
    assert c.post(f"{BASE}{unit.pk}/publish/").status_code == 302
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED and profile.pub_summary == "กลุ่มระดมเงินออมทุกเดือน"
    assert set(AuditEvent.objects.filter(object_id=str(profile.pk)).values_list("action", flat=True)) >= {
        "public_profile.draft_saved",
        "public_profile.submitted",
        "public_profile.published",
    }


def test_stale_version_is_refused_with_a_thai_message(as_user, officer, unit):
    c = as_user(officer)
    c.post(f"{BASE}{unit.pk}/", draft())
    r = c.post(f"{BASE}{unit.pk}/", draft(summary="แก้ทับ", version=1))
    assert r.status_code == 200
    assert "มีผู้อื่นแก้ไขโปรไฟล์นี้ไปแล้ว" in r.content.decode()
    assert PublicProfile.objects.get(unit=unit).summary == "กลุ่มระดมเงินออมทุกเดือน"


def test_empty_summary_is_refused(as_user, officer, staff, unit):
    c = as_user(officer)
    r = c.post(f"{BASE}{unit.pk}/", draft(summary=""))
    assert r.status_code == 200 and "errorbox" in r.content.decode() or "error" in r.content.decode()
    r = c.post(f"{BASE}{unit.pk}/submit/", follow=True)
    assert "กรุณาเขียนสรุปสิ่งที่หน่วยนับทำก่อนส่งให้จังหวัด" in r.content.decode()
    r = as_user(staff).post(f"{BASE}{unit.pk}/publish/", follow=True)
    assert "จึงเผยแพร่ไม่ได้" in r.content.decode()


@pytest.mark.parametrize("who,code", [("national", 403), ("neighbour", 404), ("stranger", 404)])
def test_others_cannot_edit(request, as_user, unit, who, code):
    c = as_user(request.getfixturevalue(who))
    assert c.get(f"{BASE}{unit.pk}/").status_code == code
    assert c.post(f"{BASE}{unit.pk}/", draft()).status_code == code
    for action in ("submit", "publish", "hide", "show"):
        assert c.post(f"{BASE}{unit.pk}/{action}/").status_code == code, action
    assert c.get(f"{BASE}{unit.pk}/photos/").status_code == code


def test_uncertified_unit_has_no_profile(as_user, staff):
    from tests.factories import UnitFactory

    u = UnitFactory()
    assert as_user(staff).get(f"{BASE}{u.pk}/").status_code == 404


def test_province_hides_with_reason_and_shows_again(client, as_user, staff, officer, published):
    unit = published.unit
    public_url = f"/units/{unit.pk}-"
    c = as_user(officer)
    assert c.post(f"{BASE}{unit.pk}/hide/", {"reason": "x"}).status_code == 403
    c = as_user(staff)
    r = c.post(f"{BASE}{unit.pk}/hide/", {"reason": ""}, follow=True)
    assert "กรุณาระบุเหตุผลที่ซ่อนโปรไฟล์" in r.content.decode()
    assert c.post(f"{BASE}{unit.pk}/hide/", {"reason": "ขอถอนการเผยแพร่ชั่วคราว"}).status_code == 302
    published.refresh_from_db()
    assert published.is_hidden and published.hidden_reason == "ขอถอนการเผยแพร่ชั่วคราว"
    client.logout()
    from apps.public.selectors import unit_slug

    assert client.get(f"{public_url}{unit_slug(unit.name)}/").status_code == 404
    c = as_user(staff)
    assert c.post(f"{BASE}{unit.pk}/show/").status_code == 302
    client.logout()
    assert client.get(f"{public_url}{unit_slug(unit.name)}/").status_code == 200


def test_province_chooses_public_photos_only(client, as_user, staff, officer, published):
    unit = published.unit
    ok, internal = photo(unit, caption="ภาพเผยแพร่"), photo(unit, public=False, caption="ภาพภายใน")
    assert as_user(officer).get(f"{BASE}{unit.pk}/photos/").status_code == 403
    c = as_user(staff)
    r = c.get(f"{BASE}{unit.pk}/photos/")
    assert r.status_code == 200 and "ภาพภายใน" in r.content.decode()  # listed, but not choosable
    r = c.post(f"{BASE}{unit.pk}/photos/", {"photos": [internal.pk], "cover": internal.pk})
    assert r.status_code == 200  # refused by the form: not a choice
    assert not published.photos.exists()
    r = c.post(f"{BASE}{unit.pk}/photos/", {"photos": [ok.pk], "cover": ok.pk})
    assert r.status_code == 302
    published.refresh_from_db()
    assert list(published.photos.all()) == [ok] and published.cover_photo == ok


def test_service_refuses_internal_photo(staff, published):
    from django.core.exceptions import ValidationError

    from apps.public import services

    internal = photo(published.unit, public=False)
    with pytest.raises(ValidationError):
        services.choose_photos(published, by=staff, photos=[internal])
    other = photo(certified_unit(name="หน่วยอื่น"))
    with pytest.raises(ValidationError):
        services.choose_photos(published, by=staff, photos=[other])


def test_nav_entry_for_staff(as_user, staff):
    r = as_user(staff).get("/app/")
    assert "/app/public-profiles/" in r.content.decode()
