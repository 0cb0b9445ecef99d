"""Issue 25 item 5: the audit trail is append-only (app and PostgreSQL trigger) and hash-chained; verify_audit
names the first broken link."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from apps.core import auditchain
from apps.core.audit import audit
from apps.core.models import AuditEvent
from apps.geo.models import Province

pg_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger and advisory lock exist on PostgreSQL only",
)


def _events(n, actor=None):
    p = Province.objects.get(code="65")
    return [
        audit(actor, "test.changed", p, before={"n": i}, after={"n": i + 1.0}, reason=f"ข้อ {i}")
        for i in range(n)
    ]


def _sql(sql, params=()):
    """Tamper on purpose: on PostgreSQL only inside the documented maintenance path."""
    with auditchain.maintenance(), connection.cursor() as cur:
        cur.execute(sql, params)


def _verify():
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_each_event_is_linked_to_the_one_before(staff):
    before = AuditEvent.objects.count()
    evs = _events(3, staff)
    assert [e.prev_hash for e in evs[1:]] == [e.hash for e in evs[:-1]]
    assert all(len(e.hash) == 64 for e in evs)
    assert f"ok, {before + 3} events" in _verify()
    # what the database gives back hashes to the same value (jsonb, inet, timestamps)
    stored = AuditEvent.objects.get(pk=evs[1].pk)
    assert auditchain.event_hash(auditchain.values_of(stored), stored.prev_hash) == stored.hash


@pytest.mark.django_db
def test_addresses_and_odd_values_hash_the_same_after_the_round_trip(staff):
    from apps.core.audit import current_ip

    for ip in ("2001:DB8:0:0::1", "::ffff:10.0.0.7", "192.168.1.20"):
        token = current_ip.set(ip)
        try:
            audit(
                staff,
                "test.ip",
                None,
                before={"big": 10**20, "f": 1e20, "t": (1, 2.5)},
                after={"ไทย": "ค่า\n"},
            )
        finally:
            current_ip.reset(token)
    assert "ok," in _verify()


@pytest.mark.django_db
def test_a_changed_event_is_caught_at_its_id(staff):
    evs = _events(5, staff)
    _sql("UPDATE core_auditevent SET reason = %s WHERE id = %s", ["แก้ไขภายหลัง", evs[2].pk])
    with pytest.raises(CommandError, match=rf"broken at id {evs[2].pk} .*hash expected"):
        _verify()


@pytest.mark.django_db
def test_a_removed_event_is_caught_at_the_next_id(staff):
    evs = _events(5, staff)
    _sql("DELETE FROM core_auditevent WHERE id = %s", [evs[2].pk])
    with pytest.raises(
        CommandError,
        match=rf"broken at id {evs[3].pk} .*prev_hash expected {evs[1].hash} found {evs[2].hash}",
    ):
        _verify()


@pytest.mark.django_db
def test_an_edited_event_with_a_recomputed_hash_breaks_the_next_link(staff):
    evs = _events(3, staff)
    forged = AuditEvent.objects.get(pk=evs[1].pk)
    forged.reason = "ปลอม"
    new_hash = auditchain.event_hash(auditchain.values_of(forged), forged.prev_hash)
    _sql("UPDATE core_auditevent SET reason = %s, hash = %s WHERE id = %s", ["ปลอม", new_hash, evs[1].pk])
    with pytest.raises(CommandError, match=rf"broken at id {evs[2].pk} "):
        _verify()


@pytest.mark.django_db
def test_bulk_create_chains_in_order(staff):
    _events(1, staff)
    rows = [AuditEvent(action="bulk.test", object_repr=f"แถว {i}", after={"i": i}) for i in range(50)]
    created = AuditEvent.objects.bulk_create(rows, batch_size=20)
    assert created[0].prev_hash == AuditEvent.objects.exclude(action="bulk.test").order_by("-pk").first().hash
    assert "ok," in _verify()
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_create([AuditEvent(action="x")], ignore_conflicts=True)


@pytest.mark.django_db
def test_existing_rows_are_chained_by_the_data_migration(staff):
    import importlib

    from django.db.migrations.loader import MigrationLoader
    from django.db.models import QuerySet

    QuerySet(AuditEvent).bulk_create(
        [AuditEvent(action="old", object_repr=str(i)) for i in range(5)]
    )  # no hashes
    with pytest.raises(CommandError):
        _verify()
    migration = importlib.import_module("apps.core.migrations.0003_audit_chain_backfill")
    apps = MigrationLoader(connection).project_state(("core", "0003_audit_chain_backfill")).apps
    with auditchain.maintenance():
        migration.chain_existing(apps, type("SchemaEditor", (), {"connection": connection})())
    assert "ok," in _verify()


@pytest.mark.django_db
def test_the_app_refuses_changes(staff):
    ev = _events(1, staff)[0]
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=ev.pk).update(reason="x")
    with pytest.raises(PermissionError):
        AuditEvent._base_manager.filter(pk=ev.pk).delete()
    with pytest.raises(PermissionError):
        ev.save()


@pytest.mark.django_db
def test_an_account_that_acted_is_not_deleted(staff):
    from django.db.models import ProtectedError

    _events(1, staff)
    with pytest.raises(ProtectedError):
        staff.delete()


@pg_only
@pytest.mark.django_db
def test_postgresql_refuses_update_and_delete_outside_maintenance(staff):
    ev = _events(1, staff)[0]
    for sql in (
        "UPDATE core_auditevent SET reason = 'x' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cur,
        ):
            cur.execute(sql, [ev.pk])
    _sql(
        "UPDATE core_auditevent SET reason = 'x' WHERE id = %s", [ev.pk]
    )  # the maintenance path lets it through
    assert AuditEvent.objects.get(pk=ev.pk).reason == "x"


@pg_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_do_not_fork_the_chain():
    """Two transactions append at once; the second waits for the first's lock and links to its event."""
    first_in = threading.Event()
    errors = []

    def append(name, hold):
        from django.db import connection as conn

        try:
            with transaction.atomic():
                audit(None, f"race.{name}")
                if hold:
                    first_in.set()
                    threading.Event().wait(0.5)  # keep the lock while the other one tries to append
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            conn.close()

    a = threading.Thread(target=append, args=("a", True))
    a.start()
    first_in.wait(5)
    b = threading.Thread(target=append, args=("b", False))
    b.start()
    a.join()
    b.join()
    assert not errors
    a_ev, b_ev = AuditEvent.objects.get(action="race.a"), AuditEvent.objects.get(action="race.b")
    assert b_ev.prev_hash == a_ev.hash and b_ev.pk > a_ev.pk
    assert "ok," in _verify()


@pytest.mark.django_db
def test_the_admin_shows_events_and_their_hashes_read_only(as_user, admin_user, staff):
    ev = _events(1, staff)[0]
    client = as_user(admin_user)
    assert client.get("/admin/core/auditevent/").status_code == 200
    page = client.get(f"/admin/core/auditevent/{ev.pk}/change/")
    assert page.status_code == 200 and ev.hash in page.content.decode()
    assert client.post(f"/admin/core/auditevent/{ev.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=ev.pk).exists()
