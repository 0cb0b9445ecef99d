"""Entries inside the sealed stream: a manifest, the database dump, each media file, the index, the end.

Each entry is a 4-byte length and a JSON header, then its data as blocks (4-byte length, bytes) ended by an
empty block. Blocks let a dump of unknown length (pg_dump's output pipe) be streamed without spooling it; the
``end`` entry makes an archive whose last chunk happens to verify but whose content stops early still fail.
"""

import hashlib
import json
import struct

from django.utils.translation import gettext as _

from .stream import DamagedArchive

BLOCK = 1024 * 1024
_LEN = struct.Struct(">I")


class ArchiveWriter:
    """Writes entries into a SealedWriter (or any object with write)."""

    def __init__(self, out):
        self.out = out

    def _header(self, header):
        raw = json.dumps(header, ensure_ascii=False, sort_keys=True).encode()
        self.out.write(_LEN.pack(len(raw)) + raw)

    def entry(self, header, blocks):
        """Write one entry from an iterable of bytes; returns (size, sha256 hex) of its data."""
        self._header(header)
        digest, size = hashlib.sha256(), 0
        for block in blocks:
            if block:
                self.out.write(_LEN.pack(len(block)))
                self.out.write(block)
                digest.update(block)
                size += len(block)
        self.out.write(_LEN.pack(0))
        return size, digest.hexdigest()

    def json_entry(self, kind, obj):
        raw = json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1).encode()
        return self.entry({"type": kind}, [raw])

    def end(self):
        self._header({"type": "end"})


class _Plain:
    """Exact reads over an iterator of verified plaintext chunks."""

    def __init__(self, chunks):
        self.chunks = iter(chunks)
        self.buffer = b""
        self.pos = 0

    def read(self, n):
        while len(self.buffer) - self.pos < n:
            try:
                more = next(self.chunks)
            except StopIteration:
                raise DamagedArchive(_("ไฟล์สำรองไม่ครบ: เนื้อหาจบก่อนถึงส่วนท้ายของไฟล์")) from None
            self.buffer = self.buffer[self.pos :] + more
            self.pos = 0
        data = self.buffer[self.pos : self.pos + n]
        self.pos += n
        return data

    def length(self):
        return _LEN.unpack(self.read(4))[0]


def entries(chunks):
    """Yield (header, blocks) for every entry up to ``end``; blocks is an iterator the caller may leave unread."""
    plain = _Plain(chunks)
    while True:
        raw = plain.read(plain.length())
        try:
            header = json.loads(raw)
        except ValueError:
            raise DamagedArchive(_("โครงสร้างภายในไฟล์สำรองเสียหาย")) from None
        if header.get("type") == "end":
            return
        blocks = _blocks(plain)
        yield header, blocks
        for _block in blocks:  # drain what the caller did not read
            pass


def _blocks(plain):
    while size := plain.length():
        yield plain.read(size)


def read_json(blocks):
    try:
        return json.loads(b"".join(blocks))
    except ValueError:
        raise DamagedArchive(_("บัญชีรายการ (manifest) ในไฟล์สำรองเสียหาย")) from None
