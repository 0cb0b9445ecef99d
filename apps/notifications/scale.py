"""seed_scale step: the reminder history of every province-year as the daily run would have left it. For each
deadline of each year and each district officer, one Delivery per offset of the year's rule that fell on a
day before today while the district had not yet delivered the report (before the due date always, after it
when the report came late or not at all), with the provincial desk in copy of the overdue ones. Past years
are sent (a few failed for good); this year's mix also has pending and failed-for-retry rows. Every attempted
delivery has its inbox notice (as deliver() makes it); event notices (decisions of the district committee,
reports accepted, announcements) add a few per officer, the older ones read."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment
from apps.core.bulk import at, fields_of, given_timestamps
from apps.core.thaidates import format_date
from apps.evaluation.enums import Decision
from apps.evaluation.models import RoundEntry
from apps.registry.enums import DeadlineKind, EvaluationLevel
from apps.registry.models import Deadline
from apps.reporting.models import DELIVERED, Submission, SubmissionState

from .deadlines import _link, _missing_text, ensure_default_rules
from .enums import DEADLINE_REMINDER, DeliveryStatus
from .models import Delivery, Notification, ReminderRule
from .services import MAX_ATTEMPTS, backoff
from .templating import render

BATCH = 2000
REFUSED = "SMTPRecipientsRefused: {'%s': (550, b'5.1.1 mailbox unavailable')}"
ANNOUNCEMENTS = [
    (
        "ประชุมชี้แจงการดำเนินงาน มชช. ปี {fy}",
        "ขอเชิญพัฒนาการอำเภอและผู้รับผิดชอบงาน มชช. ร่วมประชุมชี้แจงแนวทาง"
        "การดำเนินงาน ณ ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัด เวลา 09.30 น.",
    ),
    (
        "เตรียมหน่วยนับเข้ารับการประเมินระดับอำเภอ ปี {fy}",
        "กรุณาตรวจสอบเอกสารหลักฐานและแผนพัฒนาตนเองของหน่วยนับให้ครบถ้วนก่อนการประเมินเดือนกรกฎาคม",
    ),
]


def _status(rng, current):
    r = rng.random()
    if current:
        return (
            DeliveryStatus.PENDING if r < 0.15 else DeliveryStatus.FAILED if r < 0.3 else DeliveryStatus.SENT
        )
    return DeliveryStatus.FAILED if r < 0.03 else DeliveryStatus.SENT


def _delivery(rng, user, when, current, **fields):
    status = _status(rng, current)
    d = Delivery(
        source="deadlines",
        recipient_id=user.pk,
        kind=DEADLINE_REMINDER,
        status=status,
        created_at=when,
        **fields,
    )
    if status != DeliveryStatus.PENDING:
        d.email, d.claimed_at = user.email, when
    if status == DeliveryStatus.SENT:
        d.attempts, d.sent_at = 1, when + dt.timedelta(seconds=4)
    elif status == DeliveryStatus.FAILED:
        d.attempts = 2 if current else MAX_ATTEMPTS  # this year's still retried, older ones given up
        d.last_error = REFUSED % user.email
        d.next_attempt_at = when + backoff(d.attempts)
    return d


def _reminders(py, rules, deadlines, subs, districts, officers, staff, rng, today, current):
    """The deadline deliveries of one programme year."""
    out = []
    for kind in DeadlineKind.values:
        rule, deadline = rules.get(kind), deadlines.get(kind)
        if rule is None or deadline is None or not rule.is_active:
            continue
        base = {
            "deadline": format_date(deadline.due_on),
            "report": deadline.get_kind_display(),
            "year": py.fiscal_year,
        }
        offsets = sorted(-b for b in rule.days_before) + sorted(rule.days_after)
        for offset in offsets:
            day = deadline.due_on + dt.timedelta(days=offset)
            if day >= today:
                continue
            overdue = offset > 0
            subject_t = rule.subject_after if overdue else rule.subject_before
            body_t = rule.body_after if overdue else rule.body_before
            when = at(day, settings.REMINDER_HOUR)
            pending = []
            for d in districts:
                sub = subs.get((kind, d.code))
                done = sub is not None and sub.state in DELIVERED and sub.submitted_at is not None
                if done and timezone.localdate(sub.submitted_at) <= day:
                    continue
                pending.append(d)
                link = _link(py, kind, d.code)
                ctx = {
                    **base,
                    "district": d.label,
                    "missing": _missing_text(None if done else sub),
                    "link": link,
                    "days": abs(offset),
                }
                for user in officers.get(d.code, ()):
                    out.append(
                        _delivery(
                            rng,
                            user,
                            when,
                            current,
                            rule_key=rule.key,
                            subject_key=f"deadline:{deadline.pk}:district:{d.code}",
                            due_on=deadline.due_on,
                            offset_days=offset,
                            province_id=py.province_id,
                            title=render(subject_t, ctx)[:255],
                            body=render(body_t, ctx),
                            url=link,
                        )
                    )
            if overdue and pending and rule.copy_province_when_overdue:
                names = ", ".join(d.label for d in pending)
                link = _link(py, kind)
                ctx = {
                    **base,
                    "district": f"ที่ยังไม่ส่ง {len(pending)} อำเภอ",
                    "missing": names,
                    "link": link,
                    "days": offset,
                }
                for user in staff:
                    out.append(
                        _delivery(
                            rng,
                            user,
                            when,
                            current,
                            rule_key=rule.key,
                            subject_key=f"deadline:{deadline.pk}:province",
                            due_on=deadline.due_on,
                            offset_days=offset,
                            province_id=py.province_id,
                            title=("สำเนาถึงจังหวัด: " + render(subject_t, ctx))[:255],
                            body=f"(สำเนาถึงเจ้าหน้าที่จังหวัด: อำเภอที่ยังไม่ส่ง — {names})\n\n" + render(body_t, ctx),
                            url=link,
                        )
                    )
    return out


def _read_at(rng, when, today):
    recent = (today - timezone.localdate(when)).days <= 14
    if rng.random() < (0.4 if recent else 0.95):
        return when + dt.timedelta(hours=rng.randint(1, 48))
    return None


def _notices(py, officers, subs, last_past):
    """(user, kind, title, body, url, when) event notices of a year for the district officers."""
    out = []
    for d_code, users in officers.items():
        for kind in DeadlineKind.values:
            sub = subs.get((kind, d_code))
            if sub is None or sub.state != SubmissionState.ACCEPTED or sub.submitted_at is None:
                continue
            title = f"จังหวัดรับรายงาน{DeadlineKind(kind).label} ปี {py.fiscal_year} แล้ว"
            for u in users:
                out.append(
                    (
                        u,
                        "submission_accepted",
                        title,
                        "เจ้าหน้าที่ มชช. จังหวัดตรวจรับรายงานเรียบร้อยแล้ว",
                        _link(py, kind, d_code),
                        sub.submitted_at + dt.timedelta(days=1),
                    )
                )
        start = dt.date(py.fiscal_year - 544, 10, 1)
        for k, (title, body) in enumerate(ANNOUNCEMENTS):
            day = start + dt.timedelta(days=20 + 200 * k)
            for u in users:
                out.append((u, "general", title.format(fy=py.fiscal_year), body, "", at(day, 14)))
    if last_past:
        entries = (
            RoundEntry.objects.filter(
                round__committee__year=py, round__committee__level=EvaluationLevel.DISTRICT
            )
            .exclude(decision="")
            .select_related("enrolment__unit", "round")
        )
        for e in entries:
            title = (
                f"ผลการพิจารณาคณะกรรมการ มชช. อำเภอ: {e.enrolment.unit.name} — {Decision(e.decision).label}"
            )
            body = f"รอบ: {e.round.title}\nผลการตัดสิน: {Decision(e.decision).label}"
            url = settings.SITE_URL + reverse("evaluation:round", args=[e.round_id])
            for u in officers.get(e.enrolment.unit.district_id, ()):
                out.append((u, "decision_made", title, body, url, e.decided_at))
    now = timezone.now()
    return [n for n in out if n[-1] < now]


def _seed_province(province, pys, rng, today):
    for py in pys:
        ensure_default_rules(py)
    districts = list(province.districts.order_by("code"))
    officers, staff = defaultdict(list), []
    for ra in (
        RoleAssignment.objects.filter(
            Q(role=Role.DISTRICT_OFFICER, district__province=province)
            | Q(role=Role.PROVINCE_STAFF, province=province)
        )
        .select_related("user")
        .order_by("pk")
    ):
        if ra.role == Role.PROVINCE_STAFF:
            staff.append(ra.user)
        else:
            officers[ra.district_id].append(ra.user)
    rules = defaultdict(dict)
    for r in ReminderRule.objects.filter(year__in=pys):
        rules[r.year_id][r.kind] = r
    deadlines = defaultdict(dict)
    for d in Deadline.objects.filter(year__in=pys):
        deadlines[d.year_id][d.kind] = d
    subs = defaultdict(dict)
    for s in Submission.objects.filter(year__in=pys).only(
        "year_id", "kind", "district_id", "state", "submitted_at", "return_reason"
    ):
        subs[s.year_id][(s.kind, s.district_id)] = s
    deliveries, notices = [], []
    for py in pys:
        current = py is pys[-1]
        deliveries += _reminders(
            py, rules[py.pk], deadlines[py.pk], subs[py.pk], districts, officers, staff, rng, today, current
        )
        if py in pys[-2:]:
            notices += _notices(py, officers, subs[py.pk], last_past=len(pys) > 1 and py is pys[-2])
    Delivery.objects.bulk_create(deliveries, batch_size=BATCH)
    inbox = [
        Notification(
            user_id=d.recipient_id,
            kind=d.kind,
            title=d.title,
            body=d.body,
            url=d.url,
            optional=False,
            delivery=d,
            created_at=d.created_at,
            read_at=_read_at(rng, d.created_at, today),
        )
        for d in deliveries
        if d.status != DeliveryStatus.PENDING
    ]
    events = [
        Notification(
            user_id=u.pk,
            kind=kind,
            title=title[:255],
            body=body,
            url=url,
            optional=True,
            created_at=when,
            read_at=_read_at(rng, when, today),
        )
        for u, kind, title, body, url, when in notices
    ]
    # the e-mail of each event notice, as notify() sends it, keyed by its notice once that has a number
    mails = [
        Delivery(
            source="notice",
            rule_key=f"notice:{n.kind}",
            subject_key=f"notification:new-{i}",
            due_on=timezone.localdate(n.created_at),
            recipient_id=n.user_id,
            province_id=province.code,
            kind=n.kind,
            title=n.title,
            body=n.body,
            url=n.url,
            email=u.email,
            status=DeliveryStatus.SENT,
            attempts=1,
            created_at=n.created_at,
            claimed_at=n.created_at,
            sent_at=n.created_at + dt.timedelta(seconds=3),
        )
        for i, (n, (u, *_rest)) in enumerate(zip(events, notices, strict=True))
    ]
    Delivery.objects.bulk_create(mails, batch_size=BATCH)
    for n, d in zip(events, mails, strict=True):
        n.delivery = d
    Notification.objects.bulk_create(inbox + events, batch_size=BATCH)
    Delivery.objects.filter(pk__in=[d.pk for d in mails]).update(
        subject_key=Concat(
            Value("notification:"),
            Cast(
                Subquery(Notification.objects.filter(delivery=OuterRef("pk")).values("pk")[:1]), CharField()
            ),
        )
    )
    return len(deliveries) + len(mails), len(inbox) + len(events)


def seed(ctx):
    today = timezone.localdate()
    stamped = fields_of(Delivery, "created_at") + fields_of(Notification, "created_at")
    totals = [0, 0]
    provinces = {p.code: p for p in ctx.provinces}
    for code, pys in ctx.programme_years.items():
        with transaction.atomic(), given_timestamps(*stamped):
            n_deliveries, n_notices = _seed_province(provinces[code], pys, ctx.rng, today)
        totals[0] += n_deliveries
        totals[1] += n_notices
    ctx.stdout.write(f"  notifications: {totals[0]} deliveries, {totals[1]} inbox notices")
