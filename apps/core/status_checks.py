"""Core's checks of the status page: last backup, worker, queue, failed tasks, free space of the storage."""

import datetime as dt
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from . import broker, status
from .status import BAD, OK, UNKNOWN, WARN, Item

QUEUE_WARN = 100
FREE_WARN_FRACTION = 0.10
FREE_BAD_BYTES = 1024**3


def _age(hours):
    """How long ago, as a person says it: minutes under an hour, hours under two days, else days."""
    if hours < 1:
        return _("%(n)d นาทีที่แล้ว") % {"n": max(1, round(hours * 60))}
    if hours < 48:
        return _("%(n)s ชั่วโมงที่แล้ว") % {"n": f"{hours:,.1f}"}
    return _("%(n)d วันที่แล้ว") % {"n": hours // 24}


def backup():
    from .backup import last_backup_status

    b = last_backup_status()
    if b is None:
        return Item("backup", _("สำรองข้อมูลล่าสุด"), _("ยังไม่มีการสำรองข้อมูล"), WARN)
    hours = b.get("age_hours") or 0
    return Item(
        "backup",
        _("สำรองข้อมูลล่าสุด"),
        _("ขนาด %(size)s") % {"size": filesizeformat(b.get("size") or 0)},
        WARN if b.get("stale") else OK,
        detail=f"{b.get('name', '')} · {_age(hours)}",
        at=b.get("finished_at"),
        data=dict(b),
    )


def worker():
    ping = broker.worker_ping()
    label = _("เครื่องประมวลผลงานเบื้องหลัง (worker)")
    if ping["mode"] == "eager":
        return Item(
            "worker", label, _("ไม่มี worker แยก"), OK, _("โหมดฝังตัว: งานเบื้องหลังทำงานในกระบวนการของเว็บทันที")
        )
    embedded = _("ตัวกลางแบบไฟล์ในเครื่อง (โหมดฝังตัว)") if ping["mode"] == "filesystem" else ""
    if ping.get("error"):
        return Item("worker", label, _("ติดต่อตัวกลางไม่ได้"), BAD, ping["error"], data=ping)
    names = ping["workers"] or []
    if not names:
        return Item("worker", label, _("ไม่มี worker ตอบกลับ"), BAD, embedded, data=ping)
    detail = ", ".join(names) + (f" · {embedded}" if embedded else "")
    return Item("worker", label, _("ทำงานอยู่ %(n)s เครื่อง") % {"n": len(names)}, OK, detail, data=ping)


def queue():
    q = broker.queue_length()
    label = _("งานที่รอในคิว")
    if q["mode"] == "eager":
        return Item("queue", label, "0", OK, _("โหมดฝังตัว: ไม่มีคิว งานทำทันที"), data=q)
    if q["length"] is None:
        return Item("queue", label, _("ไม่ทราบ"), UNKNOWN, q.get("error", ""), data=q)
    where = _("ไฟล์ในโฟลเดอร์ของตัวกลาง") if q["mode"] == "filesystem" else f"Redis LLEN {q['queue']}"
    state = WARN if q["length"] > QUEUE_WARN else OK
    return Item("queue", label, f"{q['length']:,}", state, where, data=q)


def failed_tasks():
    from .models import GeneratedFile, TaskFailure

    since = timezone.now() - dt.timedelta(hours=24)
    failures = TaskFailure.objects.filter(at__gte=since)
    n = failures.count()
    recent = [{"at": f.at, "text": f"{f.task_name}: {f.exception} {f.message[:160]}"} for f in failures[:5]]
    files = GeneratedFile.objects.filter(status=GeneratedFile.Status.FAILED, finished_at__gte=since).count()
    return [
        Item(
            "failed_tasks",
            _("งานเบื้องหลังที่ล้มเหลวใน 24 ชั่วโมง"),
            f"{n:,}",
            BAD if n else OK,
            rows=recent,
            data={"count": n},
        ),
        Item(
            "failed_files",
            _("เอกสารที่สร้างไม่สำเร็จใน 24 ชั่วโมง"),
            f"{files:,}",
            WARN if files else OK,
            _("PDF, xlsx และ PowerPoint ที่ระบบสร้างให้ (แจ้งผู้ขอแล้ว)"),
            data={"count": files},
        ),
    ]


def _existing(path):
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def storage():
    label = _("พื้นที่ว่างของที่เก็บไฟล์")
    if not isinstance(default_storage, FileSystemStorage):
        from .objectstore import check

        try:
            info = check()
        except Exception as exc:  # the status page reports, it does not raise
            return Item(
                "storage",
                _("ที่เก็บไฟล์ (object store)"),
                _("ติดต่อที่เก็บไฟล์ไม่ได้"),
                BAD,
                str(exc)[:200],
            )
        return Item(
            "storage",
            _("ที่เก็บไฟล์ (object store)"),
            _("เขียนและอ่านได้ (bucket %(b)s)") % {"b": info.get("bucket", "")},
            OK,
            _("ที่เก็บไฟล์แบบ object store (เช่น S3) ไม่บอกพื้นที่ว่าง"),
            data=info,
        )
    usage = shutil.disk_usage(_existing(settings.MEDIA_ROOT))
    fraction = usage.free / usage.total if usage.total else 0
    state = BAD if usage.free < FREE_BAD_BYTES else WARN if fraction < FREE_WARN_FRACTION else OK
    return Item(
        "storage",
        label,
        _("ว่าง %(free)s จาก %(total)s (%(pct)s%%)")
        % {
            "free": filesizeformat(usage.free),
            "total": filesizeformat(usage.total),
            "pct": f"{fraction * 100:.0f}",
        },
        state,
        str(settings.MEDIA_ROOT),
        data={"free": usage.free, "total": usage.total},
    )


def field_key():
    """National IDs sealed under a key derived from SECRET_KEY are only as safe as that key: fine on a
    developer's machine, a warning in production (docs/operations.md, FIELD_KEY)."""
    from . import fieldcrypt

    label = _("กุญแจเข้ารหัสเลขประจำตัวประชาชน")
    kid = fieldcrypt.current_key_id()
    if fieldcrypt.uses_dev_key():
        state = OK if settings.DEBUG else WARN
        return Item(
            "field_key",
            label,
            _("กุญแจที่สร้างจาก SECRET_KEY (สำหรับเครื่องนักพัฒนา)"),
            state,
            _("ตั้งค่า FIELD_KEY ในสภาพแวดล้อม แล้วรัน manage.py rotate_field_key (docs/operations.md)"),
            data={"key_id": kid},
        )
    return Item("field_key", label, _("FIELD_KEY รหัสกุญแจ %(kid)s") % {"kid": kid}, OK, data={"key_id": kid})


REVEALS_PER_DAY = 20  # full national IDs one person reveals in 24 hours before the status page warns


def id_reveals():
    """ASVS 8.1.4: an abnormal number of full-ID reads (reveals and full-ID exports) by one person in a day."""
    import datetime as dt

    from django.db.models import Count
    from django.utils import timezone

    from .models import AuditEvent

    since = timezone.now() - dt.timedelta(hours=24)
    rows = list(
        AuditEvent.objects.filter(
            action__in=("national_id.revealed", "export.units_xlsx_full_ids"), at__gte=since
        )
        .values("actor_id", "actor__email")
        .annotate(n=Count("pk"))
        .order_by("-n")[:5]
    )
    top = rows[0]["n"] if rows else 0
    state = WARN if top > REVEALS_PER_DAY else OK
    return Item(
        "id_reveals",
        _("การดูเลขประจำตัวประชาชนแบบเต็มใน 24 ชั่วโมง"),
        _("สูงสุด %(n)s ครั้งต่อคน") % {"n": top},
        state,
        (
            _("เกิน %(limit)s ครั้งต่อคนต่อวัน ตรวจสอบในบันทึกการตรวจสอบ: %(who)s")
            % {
                "limit": REVEALS_PER_DAY,
                "who": ", ".join(
                    f"{r['actor__email'] or '—'} ({r['n']})" for r in rows if r["n"] > REVEALS_PER_DAY
                ),
            }
            if state == WARN
            else ""
        ),
        data={"top": top},
    )


def register_all():
    status.register(backup, order=10)
    status.register(worker, order=20)
    status.register(queue, order=30)
    status.register(failed_tasks, order=40)
    status.register(storage, order=90)
    status.register(field_key, order=95)
    status.register(id_reveals, order=96)
