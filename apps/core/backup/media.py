"""Media files through Django's storage API only, so that an S3-compatible store backs up like the local folder."""

import hashlib
import posixpath
import tempfile

from django.core.files import File
from django.utils.translation import gettext as _

from .errors import BackupError

BLOCK = 1024 * 1024
SPOOL = 8 * 1024 * 1024


def walk(storage, top=""):
    """Every file name of the storage, depth first, sorted (a missing root is an empty storage)."""
    try:
        dirs, files = storage.listdir(top)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        yield posixpath.join(top, name) if top else name
    for d in sorted(dirs):
        yield from walk(storage, posixpath.join(top, d) if top else d)


def blocks(storage, name):
    """The blocks of a file opened now (a file gone since the listing raises here, not on the first read)."""
    return _read(storage.open(name, "rb"))


def _read(f):
    with f:
        while block := f.read(BLOCK):
            yield block


def digest_of(data_blocks):
    digest, size = hashlib.sha256(), 0
    for block in data_blocks:
        digest.update(block)
        size += len(block)
    return size, digest.hexdigest()


def _safe(name):
    """An archived name must stay inside the storage: no absolute path, no '..'."""
    parts = name.split("/")
    if not name or name.startswith("/") or ".." in parts or "\\" in name:
        raise BackupError(_("ไฟล์สำรองมีชื่อไฟล์ที่ไม่ปลอดภัย: %(name)s") % {"name": name})
    return name


def restore_file(storage, name, data_blocks):
    """Write one file back under its own name (replacing what is there), spooled so memory stays small."""
    name = _safe(name)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL) as spool:
        for block in data_blocks:
            spool.write(block)
        spool.seek(0)
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, File(spool, name=posixpath.basename(name)))
    if saved != name:
        storage.delete(saved)
        raise BackupError(
            _("เขียนไฟล์ %(name)s กลับคืนไม่ได้: ระบบจัดเก็บไฟล์ตั้งชื่อใหม่เป็น %(saved)s") % {"name": name, "saved": saved}
        )


def checksum(storage, name):
    """(size, sha256 hex) of a stored file, read back through the storage."""
    return digest_of(blocks(storage, name))
