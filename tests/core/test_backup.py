"""Backups restore every row and every file exactly, stay secret, and refuse what they cannot do safely.

The round trips compare every table row by row (every column, microseconds included) and every media file by
its SHA-256. PostgreSQL-only tests (pg_dump / pg_restore, the advisory lock, a second database) are skipped on
SQLite; CI runs them on PostgreSQL. The SQLite round trip uses the backup API and runs without DATABASE_URL.
"""

import datetime as dt
import errno
import hashlib
import io
import os
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend
from django.utils import timezone
from PIL import Image

from apps.core.audit import audit
from apps.core.backup import last_backup_status
from apps.core.backup import service as backup_service
from apps.core.backup.container import ArchiveWriter, entries, read_json
from apps.core.backup.postgres import LOCK_KEY, libpq_params
from apps.core.backup.retention import to_keep
from apps.core.backup.stream import CHUNK, TAG, SealedReader, SealedWriter
from apps.core.models import AuditEvent, BackupRun
from apps.registry.models import Photo, Unit
from tests.factories import UnitFactory, UserFactory

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
postgres_only = pytest.mark.skipif(
    not ON_POSTGRES, reason="needs PostgreSQL (pg_dump/pg_restore); CI runs it"
)
sqlite_only = pytest.mark.skipif(
    ON_POSTGRES, reason="the SQLite backup API round trip runs without DATABASE_URL"
)
KEY = "ขอให้เก็บรหัสนี้ไว้นอกเครื่อง correct horse battery staple"


@pytest.fixture
def backups(settings, tmp_path):
    settings.BACKUP_KEY = KEY
    settings.BACKUP_DIR = tmp_path / "backups"
    return tmp_path


def _jpeg(colour):
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buf, "JPEG")
    return buf.getvalue()


def _build_data(staff, year):
    """Rows in many tables (users, roles, units, photos, audit events with microseconds) and files."""
    unit = UnitFactory(name="กลุ่มออมทรัพย์บ้านสำรองข้อมูล")
    photo = Photo(district=unit.district, year=year, unit=unit, stage=1, caption="ภาพทดสอบ")
    photo.image.save("backup.jpg", ContentFile(_jpeg("red")))
    for i in range(5):
        audit(staff, "backup.test", unit, after={"i": i, "ชื่อ": unit.name}, reason=f"เหตุผล {i}")
    big = ContentFile(os.urandom(3 * CHUNK + 12345), name="big.bin")  # several chunks, not on a boundary
    photo.image.storage.save("exports/big.bin", big)
    return unit, photo


def _rows_digest(conn):
    """table → (rows, md5 of its sorted rows): every column of every row, compared as Python values."""
    out = {}
    with conn.cursor() as cur:
        for table in sorted(conn.introspection.table_names(cur)):
            cur.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")
            rows = sorted(repr(tuple(r)) for r in cur.fetchall())
            out[table] = (len(rows), hashlib.md5("\n".join(rows).encode()).hexdigest())
    return out


def _media_digest(root):
    root = Path(root)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _backup(tmp_path, name="site.backup", **opts):
    out = tmp_path / name
    call_command("backup_site", out=str(out), **opts)
    return out


# --- round trips ---------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_restore_over_a_database_with_data_needs_force_then_equals_the_backup(backups, settings, staff, year):
    """Both engines: rows and files changed after the backup are put back exactly as they were."""
    unit, photo = _build_data(staff, year)
    assert any(at.microsecond for at in AuditEvent.objects.values_list("at", flat=True))
    rows, files = _rows_digest(connection), _media_digest(settings.MEDIA_ROOT)
    archive = _backup(backups)

    Unit.objects.filter(pk=unit.pk).delete()  # the photo goes with it (cascade)
    UserFactory(email="later@example.org")
    (Path(settings.MEDIA_ROOT) / photo.image.name).write_bytes(b"changed")
    with pytest.raises(CommandError, match="มีข้อมูลอยู่แล้ว"):
        call_command("restore_site", str(archive))
    assert not Unit.objects.filter(pk=unit.pk).exists()  # refused: nothing restored

    call_command("restore_site", str(archive), force=True)
    assert _rows_digest(connection) == rows
    assert _media_digest(settings.MEDIA_ROOT) == files
    assert Photo.objects.get(caption="ภาพทดสอบ").unit.name == "กลุ่มออมทรัพย์บ้านสำรองข้อมูล"


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_sqlite_round_trip_with_the_backup_api(backups, settings, staff, year):
    _build_data(staff, year)
    rows, files = _rows_digest(connection), _media_digest(settings.MEDIA_ROOT)
    archive = _backup(backups)
    call_command("flush", interactive=False)
    settings.MEDIA_ROOT = backups / "new-media"
    call_command("restore_site", str(archive))
    assert _rows_digest(connection) == rows
    assert _media_digest(settings.MEDIA_ROOT) == files


@pytest.mark.django_db(transaction=True)
def test_the_manifest_describes_the_archive(backups, settings, staff, year):
    _, photo = _build_data(staff, year)
    archive = _backup(backups)
    with open(archive, "rb") as f:
        reader = SealedReader(f, KEY)
        found = {
            h["type"]: read_json(b) for h, b in entries(reader.chunks()) if h["type"] in ("manifest", "index")
        }
    assert reader.header["cipher"] == "AES-256-GCM" and reader.header["kdf"]["name"] == "scrypt"
    index = found["index"]
    assert {k: index[k] for k in found["manifest"]} == found["manifest"]
    assert index["format"] == 1 and index["vendor"] == connection.vendor and index["app"]["version"]
    assert "0005_backuprun" in index["migrations"]["core"]
    assert index["row_counts"]["core_auditevent"] == AuditEvent.objects.count()
    assert dt.datetime.fromisoformat(index["created_at"]).tzinfo is not None
    files = {m["path"]: m for m in index["media"]}
    content = (Path(settings.MEDIA_ROOT) / photo.image.name).read_bytes()
    assert files[photo.image.name] == {
        "path": photo.image.name,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    assert index["database"]["size"] > 0 and len(index["database"]["sha256"]) == 64


@pytest.fixture
def restore_database():
    """A second, empty PostgreSQL database beside the test database, as the alias "restore"."""
    base = connections["default"].settings_dict
    name = f"{base['NAME']}_restore"
    admin = psycopg.connect(**{**libpq_params(base), "dbname": "postgres"}, autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    # Built by hand, not added to settings.DATABASES: Django's test case allows such a connection.
    wrapper = load_backend(base["ENGINE"]).DatabaseWrapper({**base, "NAME": name}, alias="restore")
    connections["restore"] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        del connections["restore"]
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_postgres_round_trip_into_a_fresh_database_is_exact(backups, settings, restore_database):
    """seed_demo plus uploads → backup → an empty database: every row of every table and every file equal."""
    from apps.accounts.models import User
    from apps.registry.models import ProgrammeYear

    call_command("seed_demo", force=True, stdout=io.StringIO())
    staff = User.objects.get(email="province@example.org")
    _build_data(staff, ProgrammeYear.objects.filter(province_id="65").latest("fiscal_year"))
    rows, files = _rows_digest(connection), _media_digest(settings.MEDIA_ROOT)
    assert sum(n for n, _digest in rows.values()) > 5000 and len(files) >= 3
    archive = _backup(backups)
    sealed = archive.read_bytes()
    assert KEY.encode() not in sealed and _jpeg("red") not in sealed  # the files are in it, but not in clear

    settings.MEDIA_ROOT = backups / "restored-media"
    call_command("restore_site", str(archive), database="restore")
    assert _rows_digest(restore_database) == rows
    assert _media_digest(settings.MEDIA_ROOT) == files
    with restore_database.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM core_auditevent WHERE extract(microseconds FROM at)::int % 1000000 <> 0"
        )
        assert cur.fetchone()[0] > 0


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_postgres_archive_of_older_migrations_restores_into_newer_code_then_migrates(
    backups, restore_database
):
    """A database one migration behind (no BackupRun table) → archive → a freshly migrated database: the restore
    drops what the newer migration made, restores the dump as it was, then migrate creates it again."""
    call_command("migrate", database="restore", verbosity=0)
    call_command("migrate", "core", "0004_audit_append_only_trigger", database="restore", verbosity=0)
    archive = backups / "older.backup"
    call_command(
        "backup_site", out=str(archive), database="restore"
    )  # runs unrecorded: no BackupRun table yet
    call_command("migrate", database="restore", verbosity=0)
    UserFactory._meta.model.objects.using("restore").create(email="own@example.org")
    with pytest.raises(CommandError, match="--force"):
        call_command("restore_site", str(archive), database="restore")

    out = io.StringIO()
    call_command("restore_site", str(archive), database="restore", force=True, stdout=out)
    assert "migrated forward" in out.getvalue()
    assert not UserFactory._meta.model.objects.using("restore").exists()
    assert BackupRun.objects.using("restore").count() == 0  # the table is back, empty, as migrate makes it
    with restore_database.cursor() as cur:
        cur.execute("SELECT count(*) FROM django_migrations WHERE app = 'core' AND name = '0005_backuprun'")
        assert cur.fetchone()[0] == 1


# --- refusals --------------------------------------------------------------------------------------------


@pytest.fixture
def archive(backups, staff, year):
    _build_data(staff, year)
    return _backup(backups)


@pytest.mark.django_db(transaction=True)
def test_a_tampered_byte_is_refused_and_nothing_is_restored(archive):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    UserFactory(email="kept@example.org")
    with pytest.raises(CommandError, match="ถูกแก้ไขหรือเสียหาย"):
        call_command("restore_site", str(archive), force=True)
    assert UserFactory._meta.model.objects.filter(email="kept@example.org").exists()


@pytest.mark.django_db(transaction=True)
def test_a_truncated_archive_is_refused(archive, tmp_path):
    data = archive.read_bytes()
    cut = tmp_path / "cut.backup"
    cut.write_bytes(data[:-100])
    with pytest.raises(CommandError, match="ไม่ครบ"):
        call_command("restore_site", str(cut), force=True)
    # cut exactly at a chunk boundary: every remaining chunk verifies, the last one was not sealed as last
    with open(archive, "rb") as f:
        SealedReader(f, KEY)
        start = f.tell()
    cut.write_bytes(data[: start + 2 * (CHUNK + TAG)])
    with pytest.raises(CommandError, match="ถูกตัดหายไปตอนท้าย"):
        call_command("restore_site", str(cut), force=True)


@pytest.mark.django_db
def test_a_file_that_is_not_an_archive_is_refused(backups):
    bad = backups / "old.zip"
    bad.write_bytes(b"PK\x03\x04 a zip of the JSON era")
    with pytest.raises(CommandError, match="ไม่ใช่ไฟล์สำรองของระบบ"):
        call_command("restore_site", str(bad))
    with pytest.raises(CommandError, match="เปิดไฟล์สำรอง"):
        call_command("restore_site", str(backups / "missing.backup"))


@pytest.mark.django_db(transaction=True)
def test_a_wrong_or_missing_key_is_refused(archive, settings):
    settings.BACKUP_KEY = "not the key"
    with pytest.raises(CommandError, match="BACKUP_KEY ไม่ตรง"):
        call_command("restore_site", str(archive), force=True)
    settings.BACKUP_KEY = ""
    with pytest.raises(CommandError, match="เข้ารหัสไว้"):
        call_command("restore_site", str(archive), force=True)


@pytest.mark.django_db(transaction=True)
def test_no_key_with_debug_off_is_refused_unless_unencrypted(backups, settings):
    settings.BACKUP_KEY = ""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--unencrypted"):
        _backup(backups)
    assert not (backups / "site.backup").exists()
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "clear.jpg").write_bytes(_jpeg("blue"))
    archive = _backup(backups, unencrypted=True)
    assert _jpeg("blue") in archive.read_bytes()  # on purpose: readable by anyone who holds the file
    call_command("restore_site", str(archive), force=True)

    settings.DEBUG = True  # a developer's machine: allowed, with a warning
    err = io.StringIO()
    call_command("backup_site", out=str(backups / "dev.backup"), stderr=err)
    assert "BACKUP_KEY" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_database_with_data_is_refused_without_force(archive):
    """Users are data of the database's own; geography, content types and permissions from migrate are not."""
    with pytest.raises(CommandError, match="--force"):
        call_command("restore_site", str(archive))


@pytest.mark.django_db(transaction=True)
def test_a_second_backup_at_the_same_time_is_refused(backups, settings):
    if ON_POSTGRES:
        holder = psycopg.connect(**libpq_params(connection.settings_dict), autocommit=True)
        holder.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
    else:
        import fcntl

        Path(settings.BACKUP_DIR).mkdir(parents=True)
        holder = open(Path(settings.BACKUP_DIR) / ".backup.lock", "a+b")
        fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with pytest.raises(CommandError, match="กำลังทำงานอยู่"):
            _backup(backups)
    finally:
        holder.close()
    assert not (backups / "site.backup").exists()
    assert _backup(backups).exists()  # the lock went with the other holder


@pytest.mark.django_db(transaction=True)
def test_two_backups_at_once_the_second_is_refused_while_the_first_runs(backups, monkeypatch):
    """Two real backups: the first holds the lock for its whole run (paused while it lists the media)."""
    import threading

    from apps.core.backup import media

    started, release, errors = threading.Event(), threading.Event(), []
    real_walk = media.walk

    def slow_walk(storage, top=""):
        started.set()
        release.wait(60)
        yield from real_walk(storage, top)

    def first():
        try:
            call_command("backup_site", out=str(backups / "first.backup"), stderr=io.StringIO())
        except Exception as exc:  # reported to the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    monkeypatch.setattr(media, "walk", slow_walk)
    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert started.wait(60)
        with pytest.raises(CommandError, match="กำลังทำงานอยู่"):
            call_command("backup_site", out=str(backups / "second.backup"))
    finally:
        release.set()
        thread.join(120)
    assert not errors and (backups / "first.backup").exists() and not (backups / "second.backup").exists()


class _FullDisk(io.FileIO):
    """A file that fills the disk after 200 kB."""

    def write(self, data):
        if self.tell() + len(data) > 200_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


@pytest.mark.django_db(transaction=True)
def test_a_full_disk_leaves_no_archive_and_no_good_run(backups, staff, year, monkeypatch):
    _build_data(staff, year)
    monkeypatch.setattr(backup_service, "_open_part", lambda path: _FullDisk(path, "w"))
    with pytest.raises(CommandError, match="พื้นที่ดิสก์ไม่พอ"):
        _backup(backups)
    assert sorted(p.name for p in backups.iterdir() if p.is_file()) == []
    run = BackupRun.objects.get()
    assert not run.ok and "ดิสก์" in run.error and run.finished_at
    assert last_backup_status() is None


@pytest.mark.django_db(transaction=True)
def test_an_archive_of_newer_code_is_refused_and_an_older_one_migrates(archive, tmp_path):
    def repack(edit):
        target = tmp_path / "edited.backup"
        with open(archive, "rb") as f, open(target, "wb") as out:
            sealed = SealedWriter(out, KEY)
            writer = ArchiveWriter(sealed)
            for header, blocks in entries(SealedReader(f, KEY).chunks()):
                if header["type"] in ("manifest", "index"):
                    writer.json_entry(header["type"], edit(read_json(blocks)))
                else:
                    writer.entry(header, blocks)
            writer.end()
            sealed.close()
        return target

    def newer(m):
        return {**m, "migrations": {**m["migrations"], "core": m["migrations"]["core"] + ["9999_future"]}}

    with pytest.raises(CommandError, match="ใหม่กว่า"):
        call_command("restore_site", str(repack(newer)), force=True)

    def older(m):
        return {**m, "migrations": {**m["migrations"], "core": m["migrations"]["core"][:-1]}}

    out = io.StringIO()
    call_command("restore_site", str(repack(older)), force=True, stdout=out)
    assert "migrated forward" in out.getvalue()


# --- schedule, retention, status --------------------------------------------------------------------------


def test_retention_keeps_7_daily_4_weekly_12_monthly():
    """400 daily backups (1 Jan 2026 – 4 Feb 2027) and a second one on the last day: the newest of each period."""
    start = dt.datetime(2026, 1, 1, 2, 30)
    names = [f"mchch-{start + dt.timedelta(days=d):%Y%m%d-%H%M%S}.backup" for d in range(400)]
    names += ["mchch-20270204-120000.backup", "notes.txt", "mchch-20270204-023000.backup.part"]
    daily = {"20270204-120000"} | {
        f"2027{md}-023000" for md in ("0203", "0202", "0201", "0131", "0130", "0129")
    }
    weekly = {
        "20270204-120000",
        "20270131-023000",
        "20270124-023000",
        "20270117-023000",
    }  # ISO weeks 5, 4, 3, 2
    monthly = (
        {"20270204-120000", "20270131-023000"}
        | {f"{(dt.date(2026, m + 1, 1) - dt.timedelta(days=1)):%Y%m%d}-023000" for m in range(3, 12)}
        | {"20261231-023000"}
    )
    expected = {f"mchch-{stamp}.backup" for stamp in daily | weekly | monthly}
    assert to_keep(names) == expected | {
        "notes.txt",
        "mchch-20270204-023000.backup.part",
    }  # never the unknown
    assert len(expected) == 19


@pytest.mark.django_db(transaction=True)
def test_the_daily_task_writes_into_backup_dir_and_prunes(backups, settings, staff):
    from apps.core.tasks import backup_site

    directory = Path(settings.BACKUP_DIR)
    directory.mkdir(parents=True)
    for d in range(30):
        (directory / f"mchch-{dt.date(2025, 1, 1) + dt.timedelta(days=d):%Y%m%d}-023000.backup").write_bytes(
            b"x"
        )
    path = backup_site.delay().get()
    assert Path(path).parent == directory and Path(path).exists()
    run = BackupRun.objects.get(ok=True)
    assert run.scheduled and run.size == Path(path).stat().st_size and run.name == Path(path).name
    assert len([p for p in directory.glob("mchch-*.backup")]) < 31
    assert backup_site.delay().get() is None  # a second beat the same day does nothing
    assert "daily-backup" in settings.CELERY_BEAT_SCHEDULE


@pytest.mark.django_db
def test_last_backup_status_and_healthz(client):
    assert last_backup_status() is None
    assert client.get("/healthz/").json()["backup"] == {"last": None, "age_hours": None, "status": "none"}

    old = timezone.now() - dt.timedelta(hours=30)
    BackupRun.objects.create(name="mchch-old.backup", ok=True, size=10, finished_at=old, started_at=old)
    r = client.get("/healthz/")
    assert r.status_code == 200 and r.json()["status"] == "ok"  # a late backup is not an outage
    assert r.json()["backup"]["status"] == "warning" and r.json()["backup"]["age_hours"] >= 30
    assert last_backup_status()["stale"] is True

    BackupRun.objects.create(name="mchch-new.backup", ok=True, size=20, finished_at=timezone.now())
    BackupRun.objects.create(name="mchch-failed.backup", ok=False, finished_at=timezone.now())
    status = last_backup_status()
    assert status["name"] == "mchch-new.backup" and status["size"] == 20 and not status["stale"]
    assert status["finished_at"].tzinfo is not None
    assert client.get("/healthz/").json()["backup"]["status"] == "ok"


@pytest.mark.django_db
def test_operators_see_the_runs_in_the_admin(client, admin_user):
    BackupRun.objects.create(name="mchch-20261207-023000.backup", ok=False, error="พื้นที่ดิสก์ไม่พอ")
    client.force_login(admin_user)
    r = client.get("/admin/core/backuprun/")
    assert r.status_code == 200 and "mchch-20261207-023000.backup" in r.content.decode()
