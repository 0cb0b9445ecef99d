"""Issue 19 item 3: national IDs sealed at rest with a key id (rotation), a keyed hash for duplicate checks and
imports, masked everywhere, revealed only to the unit's own district officer with a reason (audited), and
exports masked by default with a separate, audited full-ID export of the district."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from openpyxl import load_workbook

from apps.core import fieldcrypt
from apps.core.models import AuditEvent
from apps.registry.models import Unit
from tests.factories import UnitFactory

from .conftest import national_id

pytestmark = pytest.mark.django_db
K1 = "k1:" + "A" * 43
K2 = "k2:" + "B" * 43
NID = national_id()
DASHED = f"{NID[0]}-{NID[1:5]}-{NID[5:10]}-{NID[10:12]}-{NID[12]}"
MASK = f"x-xxxx-xxxxx-{NID[10:12]}-{NID[12]}"


def _raw(unit):
    with connection.cursor() as cur:
        cur.execute("SELECT national_id, national_id_hash FROM registry_unit WHERE id = %s", [unit.pk])
        return cur.fetchone()


def _leader(**kw):
    return UnitFactory(target_type="leader", name="นายบุญมี ทองดี", national_id=NID, **kw)


def test_the_column_holds_no_number_only_a_sealed_value_with_its_key_id(settings):
    settings.FIELD_KEY = K1
    u = _leader()
    sealed, digest = _raw(u)
    assert NID not in sealed and sealed.startswith("enc1:k1:") and len(digest) == 64
    assert Unit.objects.get(pk=u.pk).national_id == NID
    other = _leader()
    assert _raw(other)[0] != sealed and _raw(other)[1] == digest  # randomised; the same lookup hash
    assert list(Unit.objects.with_national_ids([NID]).order_by("pk")) == [u, other]


def test_rotation_re_seals_under_the_new_key_and_lookups_keep_working(settings):
    settings.FIELD_KEY = K1
    u = _leader()
    settings.FIELD_KEY = f"{K2},{K1}"  # the new key first, the old one still opens
    assert Unit.objects.with_national_ids([NID]).get() == u  # before the rotation ran
    call_command("rotate_field_key", stdout=io.StringIO())
    assert _raw(u)[0].startswith("enc1:k2:")
    settings.FIELD_KEY = K2  # the old key dropped
    assert Unit.objects.get(pk=u.pk).national_id == NID
    assert Unit.objects.with_national_ids([NID]).get() == u
    assert AuditEvent.objects.filter(action="field_key.rotated").exists()


def test_a_missing_key_is_a_clear_error_not_garbage(settings):
    settings.FIELD_KEY = K1
    u = _leader()
    settings.FIELD_KEY = K2
    with pytest.raises(fieldcrypt.KeyError_, match="no key 'k1'"):
        Unit.objects.get(pk=u.pk)


def test_a_bad_key_setting_is_refused(settings):
    settings.FIELD_KEY = "k1:tooshort"
    with pytest.raises(fieldcrypt.KeyError_, match="32 bytes"):
        fieldcrypt.keys()


def test_the_migration_seals_plain_values(settings):
    import importlib
    import types

    from django.apps import apps as django_apps

    settings.FIELD_KEY = K1
    u = _leader()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE registry_unit SET national_id = %s, national_id_hash = '' WHERE id = %s", [NID, u.pk]
        )
    assert Unit.objects.get(pk=u.pk).national_id == NID  # a plain value is read as is
    mig = importlib.import_module("apps.registry.migrations.0006_national_id_sealed")
    mig.seal_existing(django_apps, types.SimpleNamespace(connection=connection))  # a schema editor's alias
    sealed, digest = _raw(u)
    assert sealed.startswith("enc1:k1:") and digest == fieldcrypt.keyed_hash(NID, "national_id")


def test_status_page_warns_about_the_derived_key_in_production(settings):
    from apps.core.status_checks import field_key

    settings.FIELD_KEY = ""
    settings.DEBUG = False
    assert field_key().state == "warn"
    settings.FIELD_KEY = K1
    assert field_key().state == "ok"


def test_unit_page_masks_for_everyone(as_user, officer, staff, national):
    u = _leader(district_id="6501")
    for user in (officer, staff, national):
        body = as_user(user).get(f"/app/units/{u.pk}/").content.decode()
        assert MASK in body and DASHED not in body and NID not in body


def test_the_own_district_officer_reveals_with_a_reason_audited(as_user, officer):
    u = _leader(district_id="6501")
    c = as_user(officer)
    url = f"/app/units/{u.pk}/national-id/"
    assert DASHED not in c.get(url).content.decode()
    r = c.post(url, {"reason": ""})
    assert r.status_code == 200 and "กรุณาระบุเหตุผล" in r.content.decode() and DASHED not in r.content.decode()
    assert not AuditEvent.objects.filter(action="national_id.revealed").exists()
    r = c.post(url, {"reason": "ตรวจสอบสิทธิ์รับเงินอุดหนุน"})
    assert r.status_code == 302  # post/redirect/get
    r = c.get(url)
    assert DASHED in r.content.decode() and "no-store" in r["Cache-Control"]
    assert DASHED not in c.get(url).content.decode()  # shown once: a reload shows the form again
    ev = AuditEvent.objects.get(action="national_id.revealed")
    assert ev.actor == officer and ev.reason == "ตรวจสอบสิทธิ์รับเงินอุดหนุน" and ev.object_id == str(u.pk)


def test_nobody_else_may_reveal(as_user, staff, national, neighbour):
    u = _leader(district_id="6501")
    url = f"/app/units/{u.pk}/national-id/"
    assert as_user(staff).post(url, {"reason": "อยากรู้"}).status_code == 403
    assert as_user(national).post(url, {"reason": "อยากรู้"}).status_code == 403
    assert as_user(neighbour).post(url, {"reason": "อยากรู้"}).status_code == 404


def test_full_id_export_is_the_districts_own_audited_action(as_user, officer, staff):
    _leader(district_id="6501")
    assert (
        as_user(staff).post("/app/units/export-full-ids.xlsx?district=6501", {"reason": "x" * 10}).status_code
        == 403
    )
    c = as_user(officer)
    assert c.post("/app/units/export-full-ids.xlsx", {"reason": "x" * 10}).status_code == 403  # no district
    r = c.post("/app/units/export-full-ids.xlsx?district=6501", {"reason": ""}, follow=True)
    assert "กรุณาระบุเหตุผล" in r.content.decode()
    assert not AuditEvent.objects.filter(action="export.units_xlsx_full_ids").exists()


def test_every_download_of_a_generated_export_is_audited(
    as_user, officer, django_capture_on_commit_callbacks
):
    _leader(district_id="6501")
    c = as_user(officer)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post("/app/units/export.xlsx?district=6501")
    d = c.get(r["Location"] + "download/")
    ws = load_workbook(io.BytesIO(b"".join(d.streaming_content))).active
    assert MASK in [cell.value for row in ws.iter_rows(min_row=2) for cell in row]
    assert AuditEvent.objects.filter(action="export.units_xlsx").count() == 1
    ev = AuditEvent.objects.get(action="export.downloaded")
    assert ev.after == {"kind": "registry.units_xlsx", "full_ids": False}


def test_the_edit_form_never_sends_the_number_and_blank_keeps_it(as_user, officer, year):
    u = UnitFactory(
        target_type="leader", name="นายบุญมี ทองดี", first_name="บุญมี", last_name="ทองดี", national_id=NID
    )
    c = as_user(officer)
    page = c.get(f"/app/units/{u.pk}/edit/").content.decode()
    assert NID not in page and MASK in page
    data = {
        "title": "นาย",
        "first_name": "บุญมี",
        "last_name": "ทองดีใหม่",
        "national_id": "",
        "version": u.version,
    }
    r = c.post(f"/app/units/{u.pk}/edit/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    u.refresh_from_db()
    assert u.last_name == "ทองดีใหม่" and u.national_id == NID
    data.update(version=u.version, clear_national_id="on")
    assert c.post(f"/app/units/{u.pk}/edit/", data).status_code == 302
    u.refresh_from_db()
    assert u.national_id == "" and u.national_id_hash == ""


THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.mark.parametrize(
    "typed",
    [
        "\u200b".join(NID),  # zero-width spaces between the digits
        NID.translate(THAI),  # Thai digits
        f"{NID[0]} {NID[1:5]} {NID[5:10]} {NID[10:12]} {NID[12]}",  # spaced groups
        DASHED.translate(THAI) + "\ufeff",
    ],
)
def test_a_hidden_or_thai_or_spaced_id_is_the_same_number_for_the_duplicate_check(
    as_user, officer, year, typed
):
    from .test_units import LEADER

    UnitFactory(district_id="6502", target_type="leader", name="นางสมพร", national_id=NID)
    r = as_user(officer).post("/app/units/new/?district=6501&type=leader", {**LEADER, "national_id": typed})
    assert "เลขประจำตัวประชาชนนี้มีอยู่แล้ว" in r.content.decode()
    r = as_user(officer).post(
        "/app/units/new/?district=6501&type=leader",
        {**LEADER, "national_id": typed, "confirm_duplicate": "True"},
    )
    assert r.status_code == 302
    assert Unit.objects.with_national_ids([NID]).count() == 2
    assert Unit.objects.get(district_id="6501").national_id == NID


def test_the_status_page_warns_about_an_abnormal_number_of_reveals(as_user, officer, settings):
    from apps.core import status_checks

    u = _leader(district_id="6501")
    c = as_user(officer)
    assert status_checks.id_reveals().state == "ok"
    for _i in range(status_checks.REVEALS_PER_DAY + 1):
        c.post(f"/app/units/{u.pk}/national-id/", {"reason": "ตรวจสอบเอกสารโครงการ"})
    item = status_checks.id_reveals()
    assert item.state == "warn" and officer.email in item.detail and item.data["top"] == 21
