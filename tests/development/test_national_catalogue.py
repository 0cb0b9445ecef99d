"""The centre's standards catalogue (issue 20 item 1): drafts, publishing (frozen), new versions, adoption by a
province with its own indicators, the centre's indicators locked, assessments keep their version, the centre's
table of which province uses which version."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.enums import Role
from apps.development.models import Indicator, NationalCatalogue, SelfAssessment, StandardSet
from apps.development.services import catalogue, national
from apps.development.services.assessment import start_assessment
from apps.registry.enums import TargetType
from tests.conftest import login
from tests.factories import programme_year, province, with_role

from .factories import enrolment, make_set

RULE = {
    "title": "มาตรฐานกลุ่ม/องค์กรชุมชน",
    "require_mandatory": True,
    "min_percent": Decimal("60"),
    "combine": "and",
    "source": "",
    "is_demo": False,
}


@pytest.fixture
def centre(db):
    return with_role(Role.NATIONAL_STAFF)


def _ind(code, weight, *, component="การบริหารจัดการกลุ่ม", order=1, mandatory=False):
    return {
        "component_order": 1,
        "component_name": component,
        "order": order,
        "code": code,
        "text": f"ตัวชี้วัดส่วนกลาง {code}",
        "evidence_hint": "",
        "scale": "score",
        "max_score": 5,
        "pass_score": 3,
        "weight": Decimal(weight),
        "mandatory": mandatory,
    }


def published_catalogue(by, fy=2570, weights=(40, 30, 30), target_type=TargetType.GROUP):
    c = national.create_draft(fy, target_type, title="มาตรฐานกลุ่ม/องค์กรชุมชน", by=by)
    for n, w in enumerate(weights, start=1):
        national.save_indicator(c, _ind(f"N{n}", w, order=n, mandatory=n == 1), by=by)
    return national.publish(c, by=by)


def _provincial(code="พล.1", weight=0):
    return {
        "order": 9,
        "code": code,
        "text": "ตัวชี้วัดของจังหวัด",
        "evidence_hint": "",
        "scale": "pass_fail",
        "max_score": 1,
        "pass_score": 1,
        "weight": Decimal(weight),
        "mandatory": False,
    }


# --- the centre's side -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_publish_checks_the_weights_then_freezes(centre):
    c = national.create_draft(2570, TargetType.GROUP, title="มาตรฐานกลุ่ม", by=centre)
    national.save_indicator(c, _ind("N1", 60), by=centre)
    with pytest.raises(ValidationError) as exc:
        national.publish(c, by=centre)
    assert "100" in " ".join(exc.value.messages)
    national.save_indicator(c, _ind("N2", 40, order=2), by=centre)
    national.publish(c, by=centre)
    c.refresh_from_db()
    assert c.is_published and c.published_by == centre
    n1 = c.indicators.get(code="N1")
    for change in (
        lambda: national.save_indicator(c, _ind("N1", 50), by=centre, indicator=n1),
        lambda: national.save_indicator(c, _ind("N3", 0), by=centre),
        lambda: national.update_header(c, RULE, by=centre),
        lambda: national.remove_indicator(n1, by=centre),
        lambda: national.publish(c, by=centre),
    ):
        with pytest.raises(ValidationError) as exc:
            change()
        assert "สร้างฉบับใหม่" in exc.value.messages[0]
    n1.refresh_from_db()
    assert n1.weight == Decimal("60") and c.indicators.count() == 2


@pytest.mark.django_db
def test_a_second_first_version_is_refused(centre):
    national.create_draft(2570, TargetType.GROUP, title="ก", by=centre)
    with pytest.raises(ValidationError):
        national.create_draft(2570, TargetType.GROUP, title="ข", by=centre)
    national.create_draft(2571, TargetType.GROUP, title="ค", by=centre)  # another year is another catalogue


@pytest.mark.django_db
def test_new_version_copies_the_published_one_and_a_double_submit_makes_one_draft(centre):
    v1 = published_catalogue(centre)
    v2, created = national.new_version(v1, by=centre)
    assert created and v2.version == 2 and v2.supersedes == v1 and not v2.is_published
    assert list(v2.indicators.values_list("code", "weight")) == list(
        v1.indicators.values_list("code", "weight")
    )
    again, created = national.new_version(v1, by=centre)
    assert not created and again.pk == v2.pk
    national.save_indicator(v2, _ind("N1", 40, order=1) | {"text": "ข้อความปรับปรุง"}, by=centre,
                            indicator=v2.indicators.get(code="N1"))  # fmt: skip
    assert v1.indicators.get(code="N1").text == "ตัวชี้วัดส่วนกลาง N1"  # the published version is untouched


@pytest.mark.django_db
def test_pages_of_the_centre(client, centre, staff, year):
    c = national.create_draft(2570, TargetType.GROUP, title="มาตรฐานกลุ่ม", by=centre)
    login(client, centre)
    r = client.post(
        reverse("development:national_indicator_new", args=[c.pk]),
        {k: str(v) for k, v in _ind("N1", 100).items() if k != "mandatory"},
    )
    assert r.status_code == 302 and c.indicators.count() == 1
    r = client.post(reverse("development:national_publish", args=[c.pk]))
    c.refresh_from_db()
    assert c.is_published
    # editing a published version is refused in Thai and offers a new version
    r = client.get(reverse("development:national_edit", args=[c.pk]), follow=True)
    text = r.content.decode()
    assert "แก้ไขไม่ได้" in text and reverse("development:national_new_version", args=[c.pk]) in text
    r = client.post(
        reverse("development:national_indicator_edit", args=[c.pk, c.indicators.get().pk]),
        {k: str(v) for k, v in _ind("N1", 50).items()},
    )
    assert c.indicators.get().weight == Decimal("100")
    r = client.post(reverse("development:national_new_version", args=[c.pk]))
    v2 = NationalCatalogue.objects.get(fiscal_year=2570, target_type=TargetType.GROUP, version=2)
    assert r.headers["Location"] == reverse("development:national", args=[v2.pk])
    client.post(reverse("development:national_new_version", args=[c.pk]))  # double submit
    assert NationalCatalogue.objects.filter(fiscal_year=2570).count() == 2
    # a province reads the published version, not the centre's draft
    login(client, staff)
    assert client.get(reverse("development:national", args=[c.pk])).status_code == 200
    assert client.get(reverse("development:national", args=[v2.pk])).status_code == 404
    assert client.post(reverse("development:national_publish", args=[v2.pk])).status_code == 404
    assert client.get(reverse("development:national_new")).status_code == 403
    r = client.get(reverse("development:national_list"), {"fy": "abc"})
    assert r.status_code == 200


# --- a province adopts -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_adopt_locks_the_national_indicators_and_takes_provincial_ones(centre, staff, year):
    c = published_catalogue(centre)
    s = national.adopt(year, c, by=staff, publish=False)
    assert s.national == c and s.version == 1 and not s.is_published
    inds = list(Indicator.objects.filter(component__standard_set=s).order_by("order"))
    assert [i.code for i in inds] == ["N1", "N2", "N3"] and all(i.is_national for i in inds)
    assert (s.min_percent, s.require_mandatory) == (c.min_percent, c.require_mandatory)
    n1 = inds[0]
    data = {f: getattr(n1, f) for f in catalogue.INDICATOR_FIELDS} | {"text": "จังหวัดแก้เอง"}
    with pytest.raises(ValidationError) as exc:
        catalogue.save_indicator(s, data, component=n1.component, by=staff, indicator=n1)
    assert "มาตรฐานส่วนกลาง" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        catalogue.remove_indicator(n1, by=staff)
    with pytest.raises(ValidationError):
        catalogue.save_component(s, name="เปลี่ยนชื่อ", order=1, by=staff, component=n1.component)
    with pytest.raises(ValidationError):
        catalogue.update_rule(s, RULE | {"min_percent": Decimal("50")}, by=staff)
    catalogue.update_rule(s, RULE | {"title": "มาตรฐานกลุ่ม จังหวัดพิษณุโลก"}, by=staff)  # the title is theirs
    with pytest.raises(ValidationError) as exc:  # provincial indicators weigh 0 %
        catalogue.save_indicator(s, _provincial(weight=10), component=n1.component, by=staff)
    assert "0%" in exc.value.messages[0]
    w = catalogue.save_indicator(s, _provincial(), component=n1.component, by=staff)
    assert not w.new_version
    own = Indicator.objects.get(component__standard_set=s, code="พล.1")
    assert not own.is_national
    catalogue.save_indicator(
        s, _provincial() | {"text": "แก้ได้"}, component=n1.component, by=staff, indicator=own
    )
    catalogue.publish(s, by=staff)
    n1.refresh_from_db()
    assert n1.text == "ตัวชี้วัดส่วนกลาง N1"
    # a new version of the province's set (an edit of the published one) keeps the centre's indicators locked
    w = catalogue.save_indicator(s, _provincial("พล.2"), component=n1.component, by=staff)
    assert w.new_version and w.standard_set.national == c
    copied = Indicator.objects.get(component__standard_set=w.standard_set, code="N1")
    assert copied.national_source_id == n1.national_source_id


@pytest.mark.django_db
def test_an_adopted_set_is_not_replaced_by_a_set_of_the_province(client, centre, staff, year):
    s = national.adopt(year, published_catalogue(centre), by=staff)
    with pytest.raises(ValidationError):
        catalogue.create_set(year, TargetType.GROUP, title="ชุดของจังหวัด", by=staff)
    login(client, staff)
    r = client.post(
        reverse("development:standard_new"), {"year": year.pk, "target_type": "group", "title": "ชุดของจังหวัด"}
    )
    assert r.status_code == 200 and "รับมาตรฐานส่วนกลาง" in r.content.decode()
    assert list(StandardSet.objects.filter(year=year)) == [s]
    catalogue.create_set(year, TargetType.LEADER, title="ผู้นำ", by=staff)  # another type is the province's own


@pytest.mark.django_db
def test_adopt_refuses_a_draft_another_year_and_the_same_version_twice(centre, staff, year):
    draft = national.create_draft(2570, TargetType.GROUP, title="ร่าง", by=centre)
    with pytest.raises(ValidationError):
        national.adopt(year, draft, by=staff)
    other = published_catalogue(centre, fy=2571)
    with pytest.raises(ValidationError) as exc:
        national.adopt(year, other, by=staff)
    assert "2571" in exc.value.messages[0]
    c = published_catalogue(centre, target_type=TargetType.LEADER)
    national.adopt(year, c, by=staff)
    with pytest.raises(ValidationError) as exc:
        national.adopt(year, c, by=staff)
    assert "ไว้แล้ว" in exc.value.messages[0]
    assert StandardSet.objects.filter(year=year, target_type=TargetType.LEADER).count() == 1


@pytest.mark.django_db
def test_assessments_keep_the_version_they_were_made_against(centre, staff, year):
    own = make_set(year)  # the province's own set, in use before the centre published
    e1 = enrolment(year)
    sa1 = start_assessment(e1, by=staff)
    assert sa1.standard_set == own
    v1 = published_catalogue(centre)
    adopted = national.adopt(year, v1, by=staff, publish=False)
    catalogue.save_indicator(
        adopted, _provincial(), component=adopted.components.get(), by=staff
    )  # fmt: skip
    catalogue.publish(adopted, by=staff)
    sa1.refresh_from_db()
    assert sa1.standard_set == own  # adopting did not move it
    e2 = enrolment(year)
    sa2 = start_assessment(e2, by=staff)
    assert sa2.standard_set == adopted
    # the centre publishes version 2; the province adopts it: its own indicators come along, sa2 stays
    v2, _ = national.new_version(v1, by=centre)
    national.publish(v2, by=centre)
    again = national.adopt(year, v2, by=staff)
    assert again.version == adopted.version + 1 and again.is_published and again.supersedes == adopted
    assert Indicator.objects.filter(component__standard_set=again, code="พล.1", national_source=None).exists()
    assert set(SelfAssessment.objects.values_list("standard_set_id", flat=True)) == {own.pk, adopted.pk}


@pytest.mark.django_db
def test_province_pages_refuse_national_indicators_and_adopt(client, centre, staff, year, stranger):
    c = published_catalogue(centre)
    login(client, staff)
    url = reverse("development:standard_adopt")
    other = published_catalogue(centre, fy=2571, target_type=TargetType.LEADER)
    r = client.post(url, {"year": year.pk, "catalogue": other.pk, "publish": "on"})
    assert r.status_code == 200 and "2571" in r.content.decode()  # the Thai form error, nothing made
    r = client.post(url, {"year": year.pk, "catalogue": c.pk, "publish": "on"})
    s = StandardSet.objects.get(year=year, national=c)
    assert r.headers["Location"] == reverse("development:standard", args=[s.pk]) and s.is_published
    r = client.post(url, {"year": year.pk, "catalogue": c.pk, "publish": "on"})  # double submit
    assert r.status_code == 200 and "ไว้แล้ว" in r.content.decode()
    assert StandardSet.objects.filter(year=year).count() == 1
    n1 = Indicator.objects.get(component__standard_set=s, code="N1")
    edit = reverse("development:indicator_edit", args=[s.pk, n1.pk])
    r = client.get(edit, follow=True)
    assert "จังหวัดแก้ไขหรือลบไม่ได้" in r.content.decode()
    data = {f: str(getattr(n1, f)) for f in catalogue.INDICATOR_FIELDS} | {"component": n1.component_id}
    client.post(edit, data | {"text": "แก้"})
    client.post(reverse("development:indicator_remove", args=[s.pk, n1.pk]))
    n1.refresh_from_db()
    assert n1.text == "ตัวชี้วัดส่วนกลาง N1" and n1.is_active
    assert StandardSet.objects.filter(year=year).count() == 1  # no new version either
    page = client.get(reverse("development:standard", args=[s.pk])).content.decode()
    assert "ส่วนกลาง ปี 2570 ฉบับที่ 1" in page or "ปี 2570 ฉบับที่ 1" in page
    # another province's staff cannot adopt into Phitsanulok's year: it is not among their choices
    login(client, stranger)
    r = client.post(url, {"year": year.pk, "catalogue": c.pk, "publish": "on"})
    assert r.status_code == 200 and StandardSet.objects.filter(year=year).count() == 1


# --- the centre's table ------------------------------------------------------------------------------------------


def _adopting_provinces(codes, c, centre):
    for code in codes:
        staff = with_role(Role.PROVINCE_STAFF, province=province(code))
        y = programme_year(code, 2570, by=staff)
        national.adopt(y, c, by=staff, publish=False)
        s = StandardSet.objects.get(year=y, national=c)
        catalogue.save_indicator(s, _provincial(), component=s.components.get(), by=staff)
        catalogue.publish(s, by=staff)
        enr = enrolment(y, district=f"{code}01")
        start_assessment(enr, by=staff)


@pytest.mark.django_db
def test_the_centre_table_shows_each_province_version_in_constant_queries(client, centre):
    c = published_catalogue(centre)
    _adopting_provinces(["65"], c, centre)
    login(client, with_role(Role.NATIONAL_VIEWER))
    url = reverse("development:national_adoptions")
    with CaptureQueriesContext(connection) as one:
        r = client.get(url, {"fy": 2570})
    assert r.status_code == 200
    text = r.content.decode()
    assert "ส่วนกลาง ฉบับที่ 1" in text and "ตัวชี้วัดของจังหวัด 1 ข้อ" in text
    _adopting_provinces(["64", "50", "53"], c, centre)
    v2, _ = national.new_version(c, by=centre)
    national.publish(v2, by=centre)
    with CaptureQueriesContext(connection) as four:
        r = client.get(url, {"fy": 2570})
    assert len(four) == len(one), [q["sql"][:120] for q in four.captured_queries]
    assert r.content.decode().count("มีฉบับใหม่กว่า") == 4
    assert client.get(url, {"fy": "๒๕๗๐"}).status_code == 200  # bad input: a Thai message, not a 500


@pytest.mark.django_db
def test_only_the_centre_sees_the_table(client, staff, stranger):
    url = reverse("development:national_adoptions")
    for user in (staff, stranger):
        login(client, user)
        assert client.get(url).status_code == 404
