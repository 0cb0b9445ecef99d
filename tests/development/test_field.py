"""The field app of a district officer (issue 22 items 1 and 5): the today screen, the installable shell and the
sync endpoints that offline entries are sent to (idempotent by client_id, conflicts answered with 409)."""

import io
import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.development.models import Visit
from apps.registry.enums import Outcome, Stage
from apps.registry.models import Photo, PreparationRecord

from .factories import enrolment

FIELD = "/app/field/"
SYNC = "/app/field/sync/"


def _be(d):
    return f"{d.day:02d}/{d.month:02d}/{d.year + 543}"


def jpeg(size=(2400, 1800), exif_gps=True, name="p.jpg"):
    im = Image.new("RGB", size, (200, 80, 40))
    buf = io.BytesIO()
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (16.0, 49.0, 0.0)}  # GPSInfo
        exif[0x010F] = "PhoneMaker"
        kwargs["exif"] = exif
    im.save(buf, "JPEG", **kwargs)
    return buf.getvalue()


def visit_data(e, **kw):
    return {
        "client_id": str(uuid.uuid4()),
        "enrolment": e.pk,
        "stage_seen": e.stage,
        "kind": "visit",
        "visited_on": _be(timezone.localdate()),
        "visitors": "พัฒนากรตำบล",
        "learned": "ทำบัญชีครบ",
        "advice": "",
        "next_step": "",
        **kw,
    }


@pytest.mark.django_db
def test_today_screen_lists_mentored_units_next_visits_and_gaps(
    as_user, year, officer, staff, stranger, neighbour
):
    mine = enrolment(year, Stage.REINFORCEMENT, mentor=officer)
    enrolment(year, Stage.SELF_DEVELOPMENT, mentor=officer)
    other = enrolment(year, Stage.REINFORCEMENT)  # someone else's: not on my screen while I mentor some
    c = as_user(officer)
    r = c.get(FIELD)
    html = r.content.decode()
    assert r.status_code == 200 and r["Cache-Control"] == "no-cache, private"
    assert mine.unit.name in html and other.unit.name not in html
    assert "หน่วยนับที่ดูแล" in html
    assert "ยังไม่ได้ส่งแผนพัฒนาตนเอง" in html and "ยังไม่ได้บันทึกผลการประเมินตนเอง" in html
    assert "ยังไม่เคยติดตามนิเทศ" in html and "ยังไม่มีภาพกิจกรรมของขั้นนี้" in html
    assert "ประชุมคณะกรรมการ มชช. อำเภอ" in html  # stage 1 work not recorded yet
    assert 'rel="manifest"' in html and "js/field.js" in html and "htmx" not in html
    # not a district officer: nothing to show
    assert as_user(staff).get(FIELD).status_code == 404
    assert as_user(stranger).get(FIELD).status_code == 404
    # the neighbouring district's officer mentors none: all of 6502's units (none here), never 6501's
    html = as_user(neighbour).get(FIELD).content.decode()
    assert mine.unit.name not in html and "หน่วยนับของอำเภอ" in html


@pytest.mark.django_db
def test_today_screen_in_constant_queries(as_user, year, officer, django_assert_max_num_queries):
    for _ in range(3):
        enrolment(year, Stage.REINFORCEMENT, mentor=officer)
    c = as_user(officer)
    c.get(FIELD)
    with django_assert_max_num_queries(30) as ctx:
        c.get(FIELD)
    n = len(ctx.captured_queries)
    for _ in range(5):
        enrolment(year, Stage.SELF_DEVELOPMENT, mentor=officer)
    with django_assert_max_num_queries(n):
        c.get(FIELD)


@pytest.mark.django_db
def test_visit_synced_twice_is_recorded_once(as_user, year, officer):
    e = enrolment(year, Stage.REINFORCEMENT)
    c = as_user(officer)
    data = visit_data(e)
    r = c.post(SYNC + "visit/", data)
    assert r.status_code == 201, r.content
    first = r.json()["id"]
    r = c.post(SYNC + "visit/", data)  # the same queue sent again (a retry after a lost answer)
    assert r.status_code == 200 and r.json() == {"ok": True, "id": first, "created": False}
    v = Visit.objects.get()
    assert v.client_id == uuid.UUID(data["client_id"]) and v.created_by == officer
    # a second entry with its own id is a second visit
    assert c.post(SYNC + "visit/", visit_data(e)).status_code == 201
    assert Visit.objects.count() == 2


@pytest.mark.django_db
def test_visit_to_a_unit_that_moved_on_is_a_conflict(as_user, year, officer):
    e = enrolment(year, Stage.REINFORCEMENT)
    c = as_user(officer)
    data = visit_data(e)
    e.stage = Stage.SELF_DEVELOPMENT
    e.save()
    r = c.post(SYNC + "visit/", data)
    assert r.status_code == 409
    body = r.json()
    assert body["conflict"] and "เปลี่ยนจาก" in body["message"] and e.unit.name in body["message"]
    assert not Visit.objects.exists()
    # the officer chooses to send it as the unit is now (stage_seen left out): recorded
    assert c.post(SYNC + "visit/", {**data, "stage_seen": ""}).status_code == 201
    # a unit whose year has its outcome: a conflict even without a stage
    e.outcome = Outcome.NOT_PASSED
    e.save()
    r = c.post(SYNC + "visit/", visit_data(e, stage_seen=""))
    assert r.status_code == 409 and "มีผลของปีแล้ว" in r.json()["message"]


@pytest.mark.django_db
def test_sync_bad_input_answers_thai_json(as_user, year, officer, neighbour, staff):
    e = enrolment(year, Stage.REINFORCEMENT)
    c = as_user(officer)
    r = c.post(SYNC + "visit/", visit_data(e, client_id="not-a-uuid"))
    assert r.status_code == 422 and r.json()["errors"]["client_id"]
    r = c.post(SYNC + "visit/", visit_data(e, visited_on="2026-12-01"))
    assert r.status_code == 422 and "พ.ศ." in r.json()["message"]
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    r = c.post(SYNC + "visit/", visit_data(e, visited_on=_be(tomorrow)))
    assert r.status_code == 422 and "ต้องไม่เกินวันนี้" in r.json()["message"]
    assert c.get(SYNC + "visit/").status_code == 405
    # another district's officer cannot send about 6501's unit; province staff have no field app
    r = as_user(neighbour).post(SYNC + "visit/", visit_data(e))
    assert r.status_code == 422 and r.json()["errors"]["enrolment"]
    assert as_user(staff).post(SYNC + "visit/", visit_data(e)).status_code == 404
    assert not Visit.objects.exists()


@pytest.mark.django_db
def test_photo_sync_strips_exif_is_idempotent_and_joins_its_visit(as_user, year, officer):
    e = enrolment(year, Stage.REINFORCEMENT)
    c = as_user(officer)
    vdata = visit_data(e)
    assert c.post(SYNC + "visit/", vdata).status_code == 201
    raw = jpeg()
    cid = str(uuid.uuid4())

    def post(content=raw):
        return c.post(
            SYNC + "photo/",
            {
                "client_id": cid,
                "enrolment": e.pk,
                "stage_seen": e.stage,
                "visit_client_id": vdata["client_id"],
                "taken_on": _be(timezone.localdate()),
                "size": len(raw),  # what the phone sent, whatever arrived
                "image": SimpleUploadedFile("x.jpg", content, content_type="image/jpeg"),
            },
        )

    # an upload cut off halfway: refused with "retry", nothing written (no half file kept)
    r = post(content=raw[: len(raw) // 2])
    assert r.status_code == 400 and r.json()["retry"] is True
    assert not Photo.objects.exists()
    r = post()
    assert r.status_code == 201, r.content
    r2 = post()
    assert r2.status_code == 200 and r2.json()["id"] == r.json()["id"]
    photo = Photo.objects.get()
    assert photo.stage == Stage.REINFORCEMENT and photo.unit_id == e.unit_id
    with Image.open(photo.image.path) as im:
        assert max(im.size) <= 2000 and not im.getexif()
    assert list(Visit.objects.get().photos.all()) == [photo]
    # not an image at all: a Thai message
    r = c.post(
        SYNC + "photo/",
        {
            "client_id": str(uuid.uuid4()),
            "enrolment": e.pk,
            "image": SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg"),
        },
    )
    assert r.status_code == 422 and "รูป" in r.json()["message"]
    assert Photo.objects.count() == 1


@pytest.mark.django_db
def test_stage1_note_synced_twice_is_one_record(as_user, year, officer, neighbour):
    c = as_user(officer)
    data = {
        "client_id": str(uuid.uuid4()),
        "district": "6501",
        "kind": "committee_meeting",
        "title": "ประชุมคณะกรรมการ มชช. อำเภอ ครั้งที่ 1",
        "held_on": _be(timezone.localdate()),
        "place": "ห้องประชุมอำเภอ",
        "attendees_count": "12",
        "resolutions": "",
    }
    assert c.post(SYNC + "stage1/", data).status_code == 201
    assert c.post(SYNC + "stage1/", data).status_code == 200
    rec = PreparationRecord.objects.get()
    assert rec.district_id == "6501" and rec.year == year and rec.attendees_count == 12
    # another district's code: refused, not written there
    r = as_user(neighbour).post(SYNC + "stage1/", {**data, "client_id": str(uuid.uuid4())})
    assert r.status_code == 422 and r.json()["errors"]["district"]
    assert PreparationRecord.objects.count() == 1


@pytest.mark.django_db
def test_service_worker_and_manifest(client, settings):
    r = client.get("/app/field/sw.js")
    body = r.content.decode()
    assert r.status_code == 200 and r["Content-Type"].startswith("text/javascript")
    assert r["Service-Worker-Allowed"] == FIELD and r["Cache-Control"] == "no-cache"
    assert 'const PAGE = "/app/field/"' in body and "/static/js/field.js" in body
    version = body.split('const VERSION = "')[1][:12]
    assert len(version) == 12
    m = client.get("/app/field/manifest.webmanifest")
    data = json.loads(m.content)
    assert m["Content-Type"] == "application/manifest+json"
    assert data["start_url"] == FIELD and data["display"] == "standalone"
    assert {i["sizes"] for i in data["icons"]} == {"192x192", "512x512"}
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_same_entry_sent_at_once_from_two_connections_is_one_visit(year, officer):
    """Two uploads of one entry racing (a retry while the first is still on its way): one visit, and each answer
    names it, whichever wins."""
    import threading

    from django.db import connection
    from django.test import Client

    e = enrolment(year, Stage.REINFORCEMENT)
    data = visit_data(e)
    answers, barrier = [], threading.Barrier(3)

    def send():
        try:
            c = Client()
            c.force_login(officer)
            barrier.wait()
            r = c.post(SYNC + "visit/", data)
            answers.append((r.status_code, r.json()["id"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Visit.objects.count() == 1
    v = Visit.objects.get()
    assert sorted(s for s, _ in answers) == [200, 200, 201] and {i for _, i in answers} == {v.pk}


@pytest.mark.django_db
def test_echoed_input_is_inert_json(as_user, year, officer):
    c = as_user(officer)
    r = c.post(SYNC + "visit/", {"client_id": "<script>alert(1)</script>", "kind": "<b>"})
    assert r.status_code == 422 and b"<" not in r.content
    assert r.json()["errors"]["kind"]
