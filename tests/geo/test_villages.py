import pytest

from apps.geo.models import Village
from tests.factories import VillageFactory


@pytest.mark.django_db
def test_district_keeps_its_villages(as_user, officer, staff, national, neighbour, stranger):
    """DESIGN §7: each district keeps its list (หมู่ที่, name, subdistrict); model villages (guideline 1.1) are a flag."""
    c = as_user(officer)
    assert c.get("/app/villages/").status_code == 302
    url = "/app/districts/6501/villages/"
    assert c.get(url).status_code == 200
    r = c.post(url, {"subdistrict": "650101", "moo": 4, "name": "บ้านดอนทอง", "is_model_village": "on"})
    assert r.status_code == 302
    v = Village.objects.get(moo=4)
    assert v.name == "ดอนทอง" and v.is_model_village
    r = c.post(url, {"subdistrict": "650101", "moo": 4, "name": "ซ้ำ"})
    assert r.status_code == 200 and "มีหมู่ที่ 4 แล้ว" in r.content.decode()
    r = c.post(url, {"subdistrict": "650201", "moo": 1, "name": "ต่างอำเภอ"})
    assert r.status_code == 200 and Village.objects.count() == 1  # a subdistrict of another district
    r = c.post(url, {"subdistrict": "650101", "moo": 0, "name": "ศูนย์"})
    assert r.status_code == 200 and Village.objects.count() == 1
    assert "ดอนทอง" in c.get(url + "?model=1").content.decode()
    edit = f"/app/villages/{v.pk}/"
    assert c.get(edit).status_code == 200
    assert c.post(edit, {"subdistrict": "650101", "moo": 5, "name": "ดอนทองใหม่"}).status_code == 302
    v.refresh_from_db()
    assert v.moo == 5 and not v.is_model_village
    other = VillageFactory(subdistrict_id="650101", moo=9)
    r = c.post(edit, {"subdistrict": "650101", "moo": other.moo, "name": "x"})
    assert "มีหมู่ที่ 9 แล้ว" in r.content.decode()
    assert as_user(staff).get("/app/villages/").status_code == 200
    assert (
        as_user(staff).post(edit, {"subdistrict": "650101", "moo": 6, "name": "จังหวัดแก้"}).status_code == 302
    )
    assert as_user(national).get(url).status_code == 200
    assert as_user(national).post(url, {"subdistrict": "650101", "moo": 7, "name": "x"}).status_code == 403
    assert as_user(national).get(edit).status_code == 403
    for user in (neighbour, stranger):
        assert as_user(user).get(url).status_code == 404
        assert as_user(user).get(edit).status_code == 404
