"""The hash chain of the audit trail (DESIGN §8 Operations).

Every AuditEvent stores `prev_hash`, the hash of the event before it in id order, and `hash`, SHA-256 over a
canonical serialisation of its own fields and `prev_hash`. A row edited, removed or moved breaks the chain at
that point, and `manage.py verify_audit` names the first broken link.

Appends are serialised so that two transactions never fork the chain: on PostgreSQL a transaction-scoped advisory
lock is taken before the last hash is read (held until the appending transaction commits or rolls back, so the id
order is the chain order); SQLite has one writer at a time anyway (BEGIN IMMEDIATE, see settings).

On PostgreSQL a trigger (migration 0004) refuses UPDATE and DELETE of audit rows unless the transaction says
`SET LOCAL mchch.audit_maintenance = 'on'` — the documented maintenance path (`maintenance()` below,
docs/operations.md). TRUNCATE (Django's `flush`, test teardown) is left to the table's owner.
"""

import datetime as dt
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connections, transaction

GENESIS = ""
# pg_advisory_xact_lock key of the audit chain ("mchchaud" as a signed 64-bit integer).
LOCK_KEY = int.from_bytes(b"mchchaud", "big") & 0x7FFF_FFFF_FFFF_FFFF
HASHED_FIELDS = (
    "at",
    "actor_id",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "before",
    "after",
    "reason",
    "ip",
)


def _norm(value):
    """JSON values as any database gives them back: jsonb turns 1.0 into 1 and tuples are lists."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _norm(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    return value


def _ip(value):
    if not value:
        return None
    from django.utils.ipv6 import clean_ipv6_address

    value = str(value)
    return clean_ipv6_address(value) if ":" in value else value


def _at(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def canonical(values, prev_hash):
    """The bytes that are hashed: the fields of HASHED_FIELDS and prev_hash, as sorted compact JSON."""
    data = {
        "v": 1,
        "prev": prev_hash or GENESIS,
        "at": _at(values["at"]),
        "actor": values["actor_id"],
        "action": values["action"],
        "ct": values["content_type_id"],
        "oid": values["object_id"] or "",
        "repr": values["object_repr"] or "",
        "before": _norm(values["before"]),
        "after": _norm(values["after"]),
        "reason": values["reason"] or "",
        "ip": _ip(values["ip"]),
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def event_hash(values, prev_hash):
    return hashlib.sha256(canonical(values, prev_hash)).hexdigest()


def values_of(event):
    return {name: getattr(event, name) for name in HASHED_FIELDS}


def lock(using):
    """Serialise appends until the end of the current transaction (call inside one)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def last_hash(model, using):
    return model._base_manager.using(using).order_by("-pk").values_list("hash", flat=True).first() or GENESIS


def link(events, model, using):
    """Give `events` (not yet saved, in the order they will be inserted) their prev_hash and hash. Call inside a
    transaction that then inserts them: the lock taken here is held until it ends."""
    lock(using)
    prev = last_hash(model, using)
    for event in events:
        event.prev_hash = prev
        event.hash = prev = event_hash(values_of(event), prev)


@contextmanager
def maintenance(using="default"):
    """The one way to change or remove audit rows on PostgreSQL (repairs under a documented procedure, tests that
    tamper on purpose): inside this block the trigger lets UPDATE and DELETE through, for this transaction only."""
    with transaction.atomic(using=using):
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SET LOCAL mchch.audit_maintenance = 'on'")
        yield


@dataclass
class Verdict:
    ok: bool
    count: int
    last_id: int | None = None
    last_hash: str = GENESIS
    broken_id: int | None = None
    problem: str = ""
    expected: str = ""
    found: str = ""


def verify(model, using="default", chunk_size=5000):
    """Walk the chain in id order, streaming; stop at the first broken link."""
    rows = (
        model._base_manager.using(using)
        .order_by("pk")
        .values_list("pk", "prev_hash", "hash", *HASHED_FIELDS)
        .iterator(chunk_size=chunk_size)
    )
    prev, n, last_id = GENESIS, 0, None
    for pk, prev_hash, stored, *fields in rows:
        if prev_hash != prev:
            return Verdict(False, n, last_id, prev, pk, "prev_hash", prev, prev_hash)
        computed = event_hash(dict(zip(HASHED_FIELDS, fields, strict=True)), prev_hash)
        if computed != stored:
            return Verdict(False, n, last_id, prev, pk, "hash", computed, stored)
        prev, n, last_id = stored, n + 1, pk
    return Verdict(True, n, last_id, prev)
