"""SQLite (the embedded default): the online backup API in both directions.

``Connection.backup`` copies a consistent image of the live database page by page while the site keeps
running, into a temporary file next to the archive; the manifest's facts are read from that copy, so they match
it exactly. A restore copies the archived image over the live database in one step, which SQLite makes atomic.
Two backups at once are kept apart by an exclusive lock on a file in BACKUP_DIR (one machine holds the
embedded database, so a file lock is enough).
"""

import contextlib
import fcntl
import os
import sqlite3
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from .errors import BackupError

BLOCK = 1024 * 1024


@contextlib.contextmanager
def file_lock(directory):
    """Hold BACKUP_DIR/.backup.lock exclusively, or refuse at once if another backup holds it."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".backup.lock", "a+b") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(busy_message()) from None
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def busy_message():
    return _("มีการสำรองหรือกู้คืนข้อมูลอื่นกำลังทำงานอยู่ รอให้เสร็จก่อนแล้วจึงลองใหม่")


@contextlib.contextmanager
def copy_of(connection, directory):
    """A consistent copy of the live database as a temporary file (removed afterwards)."""
    connection.ensure_connection()
    fd, name = tempfile.mkstemp(prefix=".sqlite-", suffix=".part", dir=directory)
    os.close(fd)
    try:
        target = sqlite3.connect(name)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        yield name
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name + suffix)


def facts(path):
    """Tables with their row counts and the applied migrations of a database file."""
    db = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        applied = {}
        if "django_migrations" in tables:
            for app, name in db.execute("SELECT app, name FROM django_migrations ORDER BY app, id"):
                applied.setdefault(app, []).append(name)
        return counts, applied
    finally:
        db.close()


def file_blocks(path):
    with open(path, "rb") as f:
        while block := f.read(BLOCK):
            yield block


def restore(connection, blocks, directory):
    """Write the archived image to a temporary file, then copy it over the live database in one step."""
    fd, name = tempfile.mkstemp(prefix=".sqlite-restore-", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            for block in blocks:
                f.write(block)
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise BackupError(_("กู้คืนภายในธุรกรรมที่เปิดค้างอยู่ไม่ได้"))
        source = sqlite3.connect(name)
        try:
            source.backup(connection.connection)
        except sqlite3.Error as exc:
            raise BackupError(_("กู้คืนฐานข้อมูล SQLite ไม่สำเร็จ: %(err)s") % {"err": exc}) from exc
        finally:
            source.close()
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name + suffix)
