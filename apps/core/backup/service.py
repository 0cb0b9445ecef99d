"""Backup and restore of the whole site: the database by its own tools, every media file, one sealed archive.

An archive is written to ``PATH.part``, flushed to disk and renamed only when complete, so a full disk or a
crash never leaves something that looks like a backup. A restore reads the archive twice: first to verify every
chunk and every digest without touching anything, then to restore; a wrong key, a changed byte or a cut file is
refused before the database is touched.
"""

import contextlib
import errno
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DatabaseError, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from . import container, manifest, media, sqlite
from .errors import BackupError
from .stream import SealedReader, SealedWriter

log = logging.getLogger(__name__)

# Rows a fresh `migrate` writes by itself; a database holding nothing else is "empty" for a restore.
FRAMEWORK_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "django_session",
    "core_backuprun",
}


@dataclass
class BackupResult:
    path: Path
    size: int
    files: int
    encrypted: bool
    warnings: list = field(default_factory=list)


@dataclass
class RestoreResult:
    files: int
    rows: int
    migrated: bool


def backup_passphrase(unencrypted=False):
    """(passphrase or None, warnings): BACKUP_KEY, refused without one when DEBUG is off unless asked for."""
    key = getattr(settings, "BACKUP_KEY", "")
    if unencrypted:
        return None, [_("คำเตือน: ไฟล์สำรองนี้ไม่ได้เข้ารหัส มีข้อมูลส่วนบุคคล ต้องเก็บไว้ในที่ปลอดภัย")]
    if key:
        return key, []
    if not settings.DEBUG:
        raise BackupError(
            _(
                "ยังไม่ได้ตั้งค่า BACKUP_KEY: ไฟล์สำรองมีข้อมูลส่วนบุคคลจึงต้องเข้ารหัส "
                "ตั้งค่า BACKUP_KEY ในสภาพแวดล้อม หรือระบุ --unencrypted หากตั้งใจสำรองแบบไม่เข้ารหัส"
            )
        )
    return None, [_("คำเตือน: ไม่ได้ตั้งค่า BACKUP_KEY ไฟล์สำรองจึงไม่ได้เข้ารหัส (ยอมให้เฉพาะโหมด DEBUG)")]


# --- the two engines ---------------------------------------------------------------------------------


@dataclass
class Snapshot:
    vendor: str
    server_version: int
    migrations: dict
    row_counts: dict
    blocks: object  # () -> iterator of bytes


@contextlib.contextmanager
def _pg_session(connection):
    """A session of our own holding the advisory lock; BackupError when another backup or restore holds it."""
    from . import postgres

    session = postgres.Session(connection.settings_dict)
    try:
        if not session.try_lock():
            raise BackupError(sqlite.busy_message())
        yield session
    finally:
        session.close()


@contextlib.contextmanager
def _snapshot(connection, workdir):
    """Lock, then freeze a consistent view of the database and describe it."""
    if connection.vendor == "postgresql":
        from . import postgres

        with _pg_session(connection) as session:
            snapshot_id = session.begin_snapshot()
            try:
                yield Snapshot(
                    "postgresql",
                    session.server_version,
                    session.migrations(),
                    session.row_counts(),
                    lambda: postgres.dump_blocks(session, snapshot_id),
                )
            finally:
                session.end_snapshot()
    elif connection.vendor == "sqlite":
        with sqlite.file_lock(settings.BACKUP_DIR), sqlite.copy_of(connection, workdir) as path:
            counts, applied = sqlite.facts(path)
            version = sqlite3.sqlite_version_info[0] * 10000 + sqlite3.sqlite_version_info[1] * 100
            yield Snapshot("sqlite", version, applied, counts, lambda: sqlite.file_blocks(path))
    else:
        raise BackupError(_("ยังไม่รองรับการสำรองฐานข้อมูลชนิด %(v)s") % {"v": connection.vendor})


@contextlib.contextmanager
def _restore_lock(connection):
    if connection.vendor == "postgresql":
        with _pg_session(connection) as session:
            yield session
    else:
        with sqlite.file_lock(settings.BACKUP_DIR):
            yield None


def _restore_database(connection, session, blocks, workdir):
    if connection.vendor == "postgresql":
        from . import postgres

        connection.close()  # our own idle connection must not stand in the way of the restore's locks
        postgres.restore(session, blocks)
    else:
        sqlite.restore(connection, blocks, workdir)


# --- backup ------------------------------------------------------------------------------------------


def _open_part(path):
    return open(path, "wb")


def _write_archive(part, snapshot, passphrase):
    """Stream manifest, dump, media and index into part; returns the number of media files."""
    storage = default_storage
    with _open_part(part) as raw:
        sealed = SealedWriter(raw, passphrase)
        writer = container.ArchiveWriter(sealed)
        head = manifest.build(
            snapshot.vendor, snapshot.server_version, snapshot.migrations, snapshot.row_counts
        )
        writer.json_entry("manifest", head)
        size, digest = writer.entry({"type": "database", "vendor": snapshot.vendor}, snapshot.blocks())
        files = []
        for name in media.walk(storage):
            try:
                data = media.blocks(storage, name)
            except FileNotFoundError:  # deleted since the listing: it is not part of this backup
                continue
            fsize, fdigest = writer.entry({"type": "file", "name": name}, data)
            files.append({"path": name, "size": fsize, "sha256": fdigest})
        index = {**head, "database": {"size": size, "sha256": digest}, "media": files}
        writer.json_entry("index", index)
        writer.end()
        sealed.close()
        raw.flush()
        os.fsync(raw.fileno())
    return len(files)


def _fsync_dir(path):
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_error(exc):
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return BackupError(_("พื้นที่ดิสก์ไม่พอ สำรองข้อมูลไม่สำเร็จ (ลบไฟล์ที่เขียนไม่เสร็จแล้ว ไม่มีไฟล์สำรองครึ่ง ๆ เหลืออยู่)"))
    return BackupError(_("เขียนไฟล์สำรองไม่สำเร็จ: %(err)s") % {"err": exc})


class _Unrecorded:
    """Stands for the BackupRun row when the table is not there yet (a database behind the code's migrations)."""

    def finish(self, **kwargs):
        pass


def _start_run(alias, name, scheduled):
    """A BackupRun row; a backup still runs when it cannot be recorded (the backup matters more)."""
    from ..models import BackupRun

    try:
        return BackupRun.objects.using(alias).create(name=name, scheduled=scheduled)
    except DatabaseError:
        log.warning("backup %s runs unrecorded: no BackupRun table (run migrate)", name, exc_info=True)
        return _Unrecorded()


def create_backup(out, passphrase=None, alias="default", scheduled=False):
    """Write one archive at out (never a partial one) and record the run in BackupRun."""
    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    connection = connections[alias]
    with _snapshot(connection, out.parent) as snapshot:
        # Recorded after the snapshot: the dump holds the earlier runs, finished, and not this one half done.
        run = _start_run(alias, out.name, scheduled)
        try:
            files = _write_archive(part, snapshot, passphrase)
            os.replace(part, out)
            _fsync_dir(out.parent)
        except BaseException as exc:
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
            error = _write_error(exc) if isinstance(exc, OSError) else exc
            run.finish(ok=False, error=str(error) or exc.__class__.__name__)
            if error is exc:
                raise
            raise error from exc
    size = out.stat().st_size
    run.finish(ok=True, size=size)
    return BackupResult(out, size, files, bool(passphrase))


# --- restore -----------------------------------------------------------------------------------------


def _open_archive(path, passphrase):
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise BackupError(
            _("เปิดไฟล์สำรอง %(path)s ไม่ได้: %(err)s") % {"path": path, "err": exc.strerror}
        ) from exc
    try:
        return f, SealedReader(f, passphrase)
    except BaseException:
        f.close()
        raise


def verify(path, passphrase):
    """Read the whole archive once: every chunk, every digest. Returns its index (the full manifest)."""
    f, reader = _open_archive(path, passphrase)
    with f:
        found, seen = {}, {}
        for header, blocks in container.entries(reader.chunks()):
            kind = header.get("type")
            if kind in ("manifest", "index"):
                found[kind] = container.read_json(blocks)
            elif kind in ("database", "file"):
                seen[(kind, header.get("name"))] = media.digest_of(blocks)
    head, index = found.get("manifest"), found.get("index")
    if head is None or index is None or ("database", None) not in seen:
        raise BackupError(_("ไฟล์สำรองไม่สมบูรณ์: ไม่มีบัญชีรายการหรือข้อมูลฐานข้อมูล"))
    expected = {("database", None): (index["database"]["size"], index["database"]["sha256"])}
    expected.update({("file", m["path"]): (m["size"], m["sha256"]) for m in index["media"]})
    if seen != expected or any(head[k] != index[k] for k in head):
        raise BackupError(_("ไฟล์สำรองไม่ตรงกับบัญชีรายการ (manifest) ของตัวเอง: ไฟล์เสียหาย"))
    return index


def tables_with_data(connection):
    """Tables holding rows that a fresh migrate would not have written (see FRAMEWORK_TABLES)."""
    ignore = FRAMEWORK_TABLES | set(getattr(settings, "BACKUP_IGNORE_TABLES", ()))
    found = []
    with connection.cursor() as cur:
        for table in connection.introspection.table_names(cur):
            if table not in ignore:
                cur.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cur.fetchone():
                    found.append(table)
    return found


def _count_rows(connection, tables):
    with connection.cursor() as cur:
        counts = {}
        for table in tables:
            cur.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cur.fetchone()[0]
    return counts


def restore_backup(path, passphrase=None, force=False, alias="default"):
    """Verify, then restore database and media, check both against the manifest, migrate forward if behind."""
    connection = connections[alias]
    workdir = Path(settings.BACKUP_DIR)
    workdir.mkdir(parents=True, exist_ok=True)
    with _restore_lock(connection) as session:
        index = verify(path, passphrase)
        migrate_after = manifest.needs_migrate(index, connection)
        busy = tables_with_data(connection)
        if busy and not force:
            raise BackupError(
                _(
                    "ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว (เช่น ตาราง %(tables)s) จึงไม่กู้คืนทับ "
                    "ใช้ --force หากต้องการแทนที่ข้อมูลทั้งหมดด้วยข้อมูลในไฟล์สำรอง"
                )
                % {"tables": ", ".join(busy[:3])}
            )
        files = _restore_content(path, passphrase, connection, session, workdir)
        counts = _count_rows(connection, index["row_counts"])
        if counts != index["row_counts"]:
            wrong = [t for t in counts if counts[t] != index["row_counts"][t]]
            raise BackupError(_("จำนวนแถวหลังกู้คืนไม่ตรงกับไฟล์สำรอง: %(t)s") % {"t": ", ".join(wrong[:5])})
        _check_media(index["media"])
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    if migrate_after:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
    return RestoreResult(files=files, rows=sum(counts.values()), migrated=migrate_after)


def _restore_content(path, passphrase, connection, session, workdir):
    f, reader = _open_archive(path, passphrase)
    files = 0
    with f:
        for header, blocks in container.entries(reader.chunks()):
            if header["type"] == "database":
                _restore_database(connection, session, blocks, workdir)
            elif header["type"] == "file":
                media.restore_file(default_storage, header["name"], blocks)
                files += 1
    return files


def _check_media(listed):
    for item in listed:
        if media.checksum(default_storage, item["path"]) != (item["size"], item["sha256"]):
            raise BackupError(
                _("ไฟล์ %(name)s ที่เขียนคืนไม่ตรงกับค่าตรวจสอบในไฟล์สำรอง ตรวจสอบระบบจัดเก็บไฟล์")
                % {"name": item["path"]}
            )


def archive_name(when=None):
    """mchch-YYYYmmdd-HHMMSS.backup in local time (retention reads the date back from the name)."""
    return f"mchch-{timezone.localtime(when or timezone.now()):%Y%m%d-%H%M%S}.backup"
