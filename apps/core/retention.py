"""How long each kind of personal data is kept (issue 19 item 5): the defaults, in one place.

The periods are data: a province may change them (apps.core.models.RetentionPeriod); these are the values used
until it does, and the ones the privacy notice (`/privacy/`) and docs/privacy.md print. `months` counts from
the event named in `starts`."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DataKind:
    key: str
    label: str
    months: int
    starts: str
    purgeable: bool = True  # False: listed, never purged by the app (the audit trail)


KINDS = {
    k.key: k
    for k in (
        DataKind(
            "applicant_national_id",
            _("เลขประจำตัวประชาชนของผู้สมัครที่ไม่ผ่านการรับรอง"),
            36,
            _("นับจากสิ้นปีงบประมาณสุดท้ายที่สมัคร"),
        ),
        DataKind(
            "inactive_contact",
            _("โทรศัพท์และที่อยู่ของหน่วยนับที่ปิดใช้งาน"),
            24,
            _("นับจากวันที่ปิดใช้งาน"),
        ),
        DataKind(
            "withdrawn_consent_scan",
            _("ไฟล์สแกนแบบให้ความยินยอมที่ถอนแล้ว"),
            60,
            _("นับจากวันที่ถอนความยินยอม"),
        ),
        DataKind(
            "closed_request",
            _("คำขอใช้สิทธิของเจ้าของข้อมูลที่ดำเนินการเสร็จแล้ว"),
            60,
            _("นับจากวันที่ปิดคำขอ"),
        ),
        DataKind("access_export", _("ไฟล์สำเนาข้อมูลที่ส่งให้เจ้าของข้อมูล"), 1, _("นับจากวันที่สร้างไฟล์")),
        DataKind(
            "audit_log",
            _("บันทึกการตรวจสอบ (audit log)"),
            120,
            _("นับจากวันที่บันทึก ไม่ลบโดยระบบ"),
            purgeable=False,
        ),
    )
}


def default_months(key):
    return KINDS[key].months


def period_text(months):
    """'3 ปี' / '18 เดือน' in the active language."""
    from django.utils.translation import ngettext

    if months % 12 == 0:
        years = months // 12
        return ngettext("%(n)d ปี", "%(n)d ปี", years) % {"n": years}
    return ngettext("%(n)d เดือน", "%(n)d เดือน", months) % {"n": months}


# --- sources: who finds and purges each kind (registered by the app that holds it) ------------------------


@dataclass(frozen=True)
class Source:
    kind: str
    find: object  # (province_id, cutoff: date) -> list of ids past their period
    purge: object  # (ids, by) -> number purged (erases only the expired data, audited by the caller)


_SOURCES: dict[str, Source] = {}


def register_source(kind, find, purge):
    if kind not in KINDS:
        raise KeyError(f"unknown data kind {kind!r}: add it to apps.core.retention.KINDS")
    _SOURCES[kind] = Source(kind, find, purge)


def source(kind):
    return _SOURCES.get(kind)


def cutoff(today, months):
    """The date `months` before `today` (the same day of the month, clamped)."""
    import calendar
    import datetime as dt

    y, m = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, calendar.monthrange(y, m + 1)[1])
    return dt.date(y, m + 1, day)
