"""Field-level encryption of national ID numbers at rest (issue 19 item 3), with a keyed hash for lookups.

A stored value is ``enc1:<key id>:<base64url(nonce ‖ AES-256-GCM ciphertext ‖ tag)>``; the key id names which
key sealed it, so keys can be rotated: ``FIELD_KEY`` holds one or more ``<id>:<base64 of 32 bytes>`` separated
by commas, the first sealing new values and every one opening old ones; ``manage.py rotate_field_key`` re-seals
every value under the first key and recomputes the hashes (docs/operations.md). Without ``FIELD_KEY`` a key is
derived from SECRET_KEY (id ``dev``), good for a developer's machine only: the status page warns about it
when DEBUG is off.

The column is randomised (the same number seals differently each time), so it cannot be searched. Duplicate
checks and imports look up ``<field>_hash`` instead: HMAC-SHA256 of the normalised digits under a key derived
from the current field key, filled whenever the field is saved (``save()``, ``bulk_create``)."""

import base64
import hashlib
import hmac
import os
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc1"
DEV_KEY_ID = "dev"


class KeyError_(ImproperlyConfigured):
    pass


@cache
def _keys(field_key, secret_key):
    """({key id: 32-byte key}, current key id) from the setting, or the derived developer key."""
    derived = hashlib.sha256(b"mchch-field-key\x00" + secret_key.encode()).digest()
    if not field_key:
        return {DEV_KEY_ID: derived}, DEV_KEY_ID
    keys, first = {}, None
    for part in field_key.split(","):
        kid, sep, b64 = part.strip().partition(":")
        if not sep or not kid or ":" in kid:
            raise KeyError_("FIELD_KEY: each key is <id>:<base64 of 32 bytes>, separated by commas")
        try:
            raw = base64.b64decode(b64.strip() + "=" * (-len(b64.strip()) % 4), altchars=b"-_")
        except ValueError as exc:
            raise KeyError_(f"FIELD_KEY: key {kid} is not base64") from exc
        if len(raw) != 32:
            raise KeyError_(f"FIELD_KEY: key {kid} must be 32 bytes (AES-256)")
        keys[kid] = raw
        first = first or kid
    # values sealed before FIELD_KEY was set still open (they were only ever as safe as SECRET_KEY);
    # rotate_field_key moves them under the real key
    keys.setdefault(DEV_KEY_ID, derived)
    return keys, first


def keys():
    return _keys(getattr(settings, "FIELD_KEY", ""), settings.SECRET_KEY)


def current_key_id():
    return keys()[1]


def uses_dev_key():
    return current_key_id() == DEV_KEY_ID


def new_key():
    """A fresh key for FIELD_KEY, base64url of 32 random bytes."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")


def is_sealed(value):
    return isinstance(value, str) and value.startswith(PREFIX + ":")


def key_id_of(value):
    return value.split(":", 2)[1] if is_sealed(value) else None


def seal(plain, purpose):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    table, kid = keys()
    nonce = os.urandom(12)
    ct = AESGCM(table[kid]).encrypt(nonce, plain.encode("utf-8"), purpose.encode())
    return f"{PREFIX}:{kid}:{base64.urlsafe_b64encode(nonce + ct).decode().rstrip('=')}"


def open_(value, purpose):
    """The plain text of a sealed value; a value never sealed (before the migration ran) is returned as is."""
    if not is_sealed(value):
        return value
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    _p, kid, b64 = value.split(":", 2)
    table, _current = keys()
    if kid not in table:
        raise KeyError_(
            f"FIELD_KEY has no key {kid!r}: keep the old key after the new one until rotation ran"
        )
    blob = base64.urlsafe_b64decode(b64 + "=" * (-len(b64) % 4))
    return AESGCM(table[kid]).decrypt(blob[:12], blob[12:], purpose.encode()).decode("utf-8")


def _hash_under(key, plain, purpose):
    hkey = hmac.new(key, b"mchch-lookup\x00" + purpose.encode(), hashlib.sha256).digest()
    return hmac.new(hkey, plain.encode("utf-8"), hashlib.sha256).hexdigest()


def keyed_hash(plain, purpose):
    """HMAC-SHA256 (hex) of the value under a key derived from the current field key; '' for ''."""
    if not plain:
        return ""
    table, kid = keys()
    return _hash_under(table[kid], plain, purpose)


def lookup_hashes(plain, purpose):
    """The hashes a stored row of this value may carry: under every configured key, so lookups keep working
    between adding a new key and the end of `rotate_field_key`."""
    if not plain:
        return []
    table, kid = keys()
    return [_hash_under(table[kid], plain, purpose)] + [
        _hash_under(k, plain, purpose) for i, k in table.items() if i != kid
    ]


class EncryptedCharField(models.CharField):
    """A CharField stored sealed; Python code sees the plain value. '' stays '' (so blank checks work).
    `hash_field` names a sibling column that save() and bulk_create fill with `keyed_hash` of the value."""

    def __init__(self, *args, purpose="", hash_field="", **kwargs):
        self.purpose, self.hash_field = purpose, hash_field
        kwargs.setdefault("max_length", 120)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["purpose"], kwargs["hash_field"] = self.purpose, self.hash_field
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return open_(value, self.purpose) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value or is_sealed(value):
            return value
        return seal(value, self.purpose)

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if self.hash_field:
            setattr(model_instance, self.hash_field, keyed_hash(value or "", self.purpose))
        return value
