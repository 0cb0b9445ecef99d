"""Demo: reminder rules for FY 2569 and 2570, the reminders of the FY 2570 applicant list (due 20 Nov 2569,
reminded 14, 7 and 1 days before, overdue notice 1 day after), event notices and a failed send for the
operations page. Idempotent: each row is found by its unique key."""

import datetime as dt

from django.utils import timezone

from apps.core.thaidates import format_date
from apps.registry.enums import DeadlineKind
from apps.registry.models import Deadline

from .deadlines import _link, ensure_default_rules
from .enums import DEADLINE_REMINDER, Channel, ChannelChoice, DeliveryStatus
from .models import CalendarToken, Delivery, LineAccount, Notification, NotificationPreference, ReminderRule
from .services import MAX_ATTEMPTS
from .templating import render

TZ = timezone.get_current_timezone()


def _at(day, hour=7, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def _reminder(
    rule,
    deadline,
    user,
    district,
    offset,
    *,
    status=DeliveryStatus.SENT,
    read=True,
    error="",
    subject_key=None,
    missing="ยังไม่ได้จัดทำและส่งรายงานในระบบ",
):
    overdue = offset > 0
    ctx = {
        "district": district,
        "deadline": format_date(deadline.due_on),
        "report": deadline.get_kind_display(),
        "link": _link(
            rule.year,
            deadline.kind,
            None if (subject_key or "").endswith(":province") else district_code(district),
        ),
        "days": abs(offset),
        "year": rule.year.fiscal_year,
        "missing": missing,
    }
    when = _at(deadline.due_on + dt.timedelta(days=offset))
    d, created = Delivery.objects.get_or_create(
        rule_key=rule.key,
        subject_key=subject_key or f"deadline:{deadline.pk}:district:{district_code(district)}",
        due_on=deadline.due_on,
        offset_days=offset,
        recipient=user,
        channel=Channel.EMAIL,
        defaults={
            "source": "deadlines",
            "province_id": rule.year.province_id,
            "kind": DEADLINE_REMINDER,
            "title": render(rule.subject_after if overdue else rule.subject_before, ctx)[:255],
            "body": render(rule.body_after if overdue else rule.body_before, ctx),
            "url": ctx["link"],
            "email": user.email,
            "status": status,
            "attempts": 1 if status == DeliveryStatus.SENT else MAX_ATTEMPTS,  # gave up: staff retry by hand
            "last_error": error,
        },
    )
    if created:
        Delivery.objects.filter(pk=d.pk).update(
            created_at=when,
            claimed_at=when,
            sent_at=when + dt.timedelta(seconds=4) if status == DeliveryStatus.SENT else None,
            next_attempt_at=None if status == DeliveryStatus.SENT else when + dt.timedelta(hours=6),
        )
        n = Notification.objects.create(
            user=user,
            kind=DEADLINE_REMINDER,
            title=d.title,
            body=d.body,
            url=d.url,
            optional=False,
            delivery=d,
            read_at=when + dt.timedelta(hours=2) if read else None,
        )
        Notification.objects.filter(pk=n.pk).update(created_at=when)
    return d


def district_code(label):
    return {"อำเภอเมืองพิษณุโลก": "6501", "อำเภอนครไทย": "6502"}.get(label, "65")


def _notice(user, kind, title, body, url, when, read):
    n, created = Notification.objects.get_or_create(
        user=user,
        kind=kind,
        title=title,
        defaults={
            "body": body,
            "url": url,
            "optional": True,
            "read_at": when + dt.timedelta(hours=1) if read else None,
        },
    )
    if created:
        Notification.objects.filter(pk=n.pk).update(created_at=when)
        d, _ = Delivery.objects.get_or_create(
            rule_key=f"notice:{kind}",
            subject_key=f"notification:{n.pk}",
            due_on=when.date(),
            offset_days=0,
            recipient=user,
            channel=Channel.EMAIL,
            defaults={
                "source": "notice",
                "province_id": "65",
                "kind": kind,
                "title": title,
                "body": body,
                "url": url,
                "email": user.email,
                "status": DeliveryStatus.SENT,
                "attempts": 1,
            },
        )
        Delivery.objects.filter(pk=d.pk).update(created_at=when, sent_at=when)
        Notification.objects.filter(pk=n.pk).update(delivery=d)
    return n


def seed(ctx):
    users, years = ctx.users, ctx.years
    for year in years.values():
        ensure_default_rules(year)
    y70 = years[2570]
    rule = ReminderRule.objects.get(year=y70, kind=DeadlineKind.APPLICANT_LIST)
    deadline = Deadline.objects.get(
        year=y70, kind=DeadlineKind.APPLICANT_LIST
    )  # 20 Nov 2569 (guideline 2.7.1)
    d6501, d6502, b = users["district6501"], users["district6502"], users["staff6501b"]
    muang, nakhonthai = "อำเภอเมืองพิษณุโลก", "อำเภอนครไทย"
    for offset in (-14, -7, -1):
        _reminder(rule, deadline, d6501, muang, offset, read=offset != -1)
        _reminder(rule, deadline, d6502, nakhonthai, offset)
    # staff6501b's mailbox refused the last reminder: shown as failed on the operations page
    _reminder(rule, deadline, b, muang, -14)
    _reminder(rule, deadline, b, muang, -7)
    _reminder(
        rule,
        deadline,
        b,
        muang,
        -1,
        status=DeliveryStatus.FAILED,
        read=False,
        error="SMTPRecipientsRefused: {'staff6501b@example.org': (550, b'5.1.1 mailbox unavailable')}",
    )
    # Nakhon Thai sent late: one overdue notice, with the provincial desk in copy
    _reminder(rule, deadline, d6502, nakhonthai, 1, read=True)
    _reminder(
        rule,
        deadline,
        users["province"],
        "ที่ยังไม่ส่ง 1 อำเภอ",
        1,
        missing=nakhonthai,
        subject_key=f"deadline:{deadline.pk}:province",
    )
    # FY 2569: the plans of 5 Feb 2569, reminded to Mueang (history)
    y69 = years[2569]
    rule69 = ReminderRule.objects.get(year=y69, kind=DeadlineKind.PLANS)
    dl69 = Deadline.objects.get(year=y69, kind=DeadlineKind.PLANS)
    for offset in (-7, -1):
        _reminder(ReminderRule.objects.get(pk=rule69.pk), dl69, d6501, muang, offset)
    link = _link(y70, DeadlineKind.APPLICANT_LIST, "6501")
    _notice(
        d6501,
        "submission_accepted",
        "จังหวัดรับรายงานสรุปรายชื่อกลุ่มเป้าหมายที่สมัคร ปี 2570 แล้ว",
        "เจ้าหน้าที่ มชช. จังหวัดตรวจรับรายงานของอำเภอเมืองพิษณุโลกเรียบร้อยแล้ว",
        link,
        _at(dt.date(2026, 11, 21), 10, 15),
        read=True,
    )
    _notice(
        d6501,
        "general",
        "ประชุมชี้แจงขั้นเสริมสร้างการเรียนรู้ 3 ธันวาคม 2569",
        "ขอเชิญพัฒนาการอำเภอและผู้รับผิดชอบงาน มชช. ร่วมประชุมชี้แจงการจัดทำแบบประเมินตนเองและแผนพัฒนาตนเอง "
        "ณ ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก เวลา 09.30 น.",
        "",
        _at(dt.date(2026, 11, 24), 14, 0),
        read=False,
    )
    _notice(
        d6502,
        "submission_returned",
        "รายงานสรุปรายชื่อกลุ่มเป้าหมาย ปี 2570 ถูกส่งกลับให้แก้ไข",
        "เหตุผล: รายชื่อกลุ่มออมทรัพย์ยังไม่ระบุวันที่ก่อตั้ง กรุณาแก้ไขแล้วส่งใหม่",
        _link(y70, DeadlineKind.APPLICANT_LIST, "6502"),
        _at(dt.date(2026, 11, 22), 9, 0),
        read=False,
    )
    _line_officer(d6502)
    NotificationPreference.objects.get_or_create(user=users["province"], defaults={"daily_digest": True})
    if not CalendarToken.objects.filter(user=d6501).exists():
        CalendarToken.objects.create(user=d6501)


# A made-up LINE user id (LINE's are "U" + 32 hex digits); the account is marked as demo data.
DEMO_LINE_USER_ID = "U000000000000000000000000000d6502"


def _line_officer(user):
    """Nakhon Thai's officer linked LINE (fake account): reminders by e-mail and LINE, returned and accepted
    reports by LINE alone. Their FY 2570 reminders and the returned report also went out as LINE messages."""
    LineAccount.objects.get_or_create(
        user=user, defaults={"line_user_id": DEMO_LINE_USER_ID, "is_demo": True}
    )
    NotificationPreference.objects.update_or_create(
        user=user,
        defaults={
            "channels": {
                DEADLINE_REMINDER: ChannelChoice.BOTH,
                "submission_returned": ChannelChoice.LINE,
                "submission_accepted": ChannelChoice.LINE,
            }
        },
    )
    sent = Delivery.objects.filter(
        recipient=user,
        channel=Channel.EMAIL,
        status=DeliveryStatus.SENT,
        due_on__gte=dt.date(2026, 10, 1),
        kind__in=[DEADLINE_REMINDER, "submission_returned"],
    )
    for d in sent:
        copy, created = Delivery.objects.get_or_create(
            rule_key=d.rule_key,
            subject_key=d.subject_key,
            due_on=d.due_on,
            offset_days=d.offset_days,
            recipient=user,
            channel=Channel.LINE,
            defaults={
                f: getattr(d, f)
                for f in ("source", "province_id", "kind", "title", "body", "url", "status", "attempts")
            },
        )
        if created:
            Delivery.objects.filter(pk=copy.pk).update(
                created_at=d.created_at, claimed_at=d.claimed_at, sent_at=d.sent_at
            )
