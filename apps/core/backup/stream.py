"""The sealed chunk stream every archive is made of.

Layout of a file: ``MAGIC``, a 2-byte header length, the header (JSON: format, cipher, KDF parameters, salt,
nonce prefix, chunk size), a 32-byte key check, then chunks. Each chunk holds ``CHUNK`` bytes of plaintext
(the last one fewer, possibly none) sealed with AES-256-GCM in the STREAM construction: the nonce is the random
8-byte prefix of the header followed by a 4-byte counter, and the additional data is the header plus a flag that
says whether the chunk is the last. So a changed byte anywhere fails its chunk's tag, chunks cannot be reordered
or replayed (the counter), a file cut at a chunk boundary fails because its new last chunk was not sealed as
last, and a changed header fails every chunk. The key comes from the passphrase through scrypt with a random
salt; the key check (an HMAC of the header under a second derived key) tells a wrong passphrase apart from a
damaged file before anything is read.

Without a passphrase (``--unencrypted``) the same framing carries a SHA-256 of counter, flag and data instead of
a tag: it still catches a damaged or truncated file, but it protects nothing against a deliberate change.
"""

import hashlib
import hmac
import json
import os
import struct
from base64 import b64decode, b64encode

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.utils.translation import gettext as _

from .errors import BackupError

MAGIC = b"MCHCH-BACKUP\x00\x01"
FORMAT = 1
CHUNK = 1024 * 1024
TAG = 16
DIGEST = 32
# scrypt cost: about 0.1 s and 32 MiB per derivation, once per backup or restore.
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class DamagedArchive(BackupError):
    pass


def _derive(passphrase, salt, params):
    kdf = Scrypt(salt=salt, length=64, n=params["n"], r=params["r"], p=params["p"])
    key = kdf.derive(passphrase.encode())
    return key[:32], key[32:]


class _Sealer:
    """Seals and opens one chunk: AES-256-GCM with a key, or a plain digest without one."""

    def __init__(self, header_bytes, key=None, prefix=b""):
        self.aad = header_bytes
        self.aead = AESGCM(key) if key else None
        self.prefix = prefix
        self.overhead = TAG if key else DIGEST

    def _nonce(self, counter):
        return self.prefix + struct.pack(">I", counter)

    def seal(self, counter, last, data):
        flag = b"\x01" if last else b"\x00"
        if self.aead:
            return self.aead.encrypt(self._nonce(counter), data, self.aad + flag)
        return data + hashlib.sha256(struct.pack(">Q", counter) + flag + data).digest()

    def open(self, counter, last, blob):
        """The plaintext, or None when the chunk does not verify as (last / not last) chunk number counter."""
        flag = b"\x01" if last else b"\x00"
        if self.aead:
            try:
                return self.aead.decrypt(self._nonce(counter), blob, self.aad + flag)
            except InvalidTag:
                return None
        data, digest = blob[:-DIGEST], blob[-DIGEST:]
        ok = hmac.compare_digest(digest, hashlib.sha256(struct.pack(">Q", counter) + flag + data).digest())
        return data if ok else None


class SealedWriter:
    """A write-only file object that seals what it is given, chunk by chunk, into ``out``."""

    def __init__(self, out, passphrase=None):
        self.out = out
        header = {"format": FORMAT, "chunk": CHUNK, "cipher": "none"}
        key = check_key = None
        prefix = b""
        if passphrase:
            salt, prefix = os.urandom(16), os.urandom(8)
            header.update(
                cipher="AES-256-GCM", kdf={"name": "scrypt", **SCRYPT, "salt": b64encode(salt).decode()}
            )
            header["nonce_prefix"] = b64encode(prefix).decode()
            key, check_key = _derive(passphrase, salt, SCRYPT)
        header_bytes = json.dumps(header, sort_keys=True).encode()
        check = hmac.new(check_key or b"", header_bytes, hashlib.sha256).digest()
        out.write(MAGIC + struct.pack(">H", len(header_bytes)) + header_bytes + check)
        self.sealer = _Sealer(header_bytes, key, prefix)
        self.buffer = bytearray()
        self.counter = 0
        self.encrypted = bool(passphrase)

    def write(self, data):
        self.buffer += data
        while len(self.buffer) > CHUNK:  # keep at least one byte: only close() may write the last chunk
            self._emit(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def _emit(self, data, last):
        if self.counter >= 2**32 - 1:
            raise BackupError(_("ไฟล์สำรองใหญ่เกินกว่าที่รูปแบบไฟล์รองรับ"))
        self.out.write(self.sealer.seal(self.counter, last, data))
        self.counter += 1

    def close(self):
        """Seal what is left as the last chunk (an empty last chunk when the data ended on a boundary)."""
        self._emit(bytes(self.buffer), last=True)
        self.buffer.clear()


def read_header(f):
    """The header of an archive as (dict, raw bytes, key check); BackupError when f is not one of ours."""
    magic = f.read(len(MAGIC))
    if magic != MAGIC:
        raise BackupError(_("ไฟล์นี้ไม่ใช่ไฟล์สำรองของระบบ มชช. (หรือเป็นรูปแบบเก่าที่ไม่รองรับแล้ว)"))
    (size,) = struct.unpack(">H", f.read(2))
    raw = f.read(size)
    check = f.read(32)
    try:
        header = json.loads(raw)
    except ValueError:
        raise DamagedArchive(_("ส่วนหัวของไฟล์สำรองเสียหาย")) from None
    if header.get("format") != FORMAT or len(check) != 32:
        raise DamagedArchive(_("ส่วนหัวของไฟล์สำรองเสียหายหรือเป็นรูปแบบที่ไม่รองรับ"))
    return header, raw, check


class SealedReader:
    """Reads and verifies the chunks of an archive; yields plaintext only after its chunk verified."""

    def __init__(self, f, passphrase=None):
        self.f = f
        header, raw, check = read_header(f)
        self.header = header
        self.encrypted = header["cipher"] != "none"
        key = check_key = None
        prefix = b""
        if self.encrypted:
            if not passphrase:
                raise BackupError(_("ไฟล์สำรองนี้เข้ารหัสไว้ ต้องตั้งค่า BACKUP_KEY ให้ตรงกับที่ใช้ตอนสำรองก่อนกู้คืน"))
            kdf = header["kdf"]
            key, check_key = _derive(passphrase, b64decode(kdf["salt"]), kdf)
            prefix = b64decode(header["nonce_prefix"])
        expected = hmac.new(check_key or b"", raw, hashlib.sha256).digest()
        if not hmac.compare_digest(expected, check):
            if self.encrypted:
                raise BackupError(_("ถอดรหัสไม่ได้: BACKUP_KEY ไม่ตรงกับที่ใช้สร้างไฟล์สำรองนี้ (หรือส่วนหัวของไฟล์เสียหาย)"))
            raise DamagedArchive(_("ส่วนหัวของไฟล์สำรองเสียหาย"))
        self.sealer = _Sealer(raw, key, prefix)
        self.size = header["chunk"] + self.sealer.overhead

    def chunks(self):
        """Plaintext chunks in order; DamagedArchive on a changed, reordered or missing chunk."""
        counter = 0
        blob = self.f.read(self.size)
        while True:
            following = self.f.read(self.size)
            last = not following
            if len(blob) < self.sealer.overhead:
                raise DamagedArchive(_("ไฟล์สำรองไม่ครบ: ข้อมูลถูกตัดหายไปตอนท้าย (อาจคัดลอกไม่เสร็จ)"))
            data = self.sealer.open(counter, last, blob)
            if data is None:
                raise DamagedArchive(self._why(counter, last, blob))
            yield data
            if last:
                return
            blob, counter = following, counter + 1

    def _why(self, counter, last, blob):
        """Which refusal a chunk that failed to verify deserves: cut short, or changed."""
        if last and self.sealer.open(counter, False, blob) is not None:
            return _("ไฟล์สำรองไม่ครบ: ข้อมูลถูกตัดหายไปตอนท้าย (อาจคัดลอกไม่เสร็จ)")
        if last and len(blob) < self.size:
            return _("ไฟล์สำรองไม่ครบหรือเสียหาย: ส่วนท้ายของไฟล์ตรวจสอบความถูกต้องไม่ผ่าน")
        return _("ไฟล์สำรองถูกแก้ไขหรือเสียหาย (ตรวจสอบความถูกต้องไม่ผ่าน)")
