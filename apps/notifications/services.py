"""Sending reminders and notices. Every message is a Delivery row, inserted once (unique key, insert-or-skip)
and claimed for sending by a conditional UPDATE, so two beats, two workers or a re-run after a crash never
send the same message twice."""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import reminders
from apps.core.audit import audit
from apps.core.queue import enqueue
from apps.core.thaidates import format_date

from . import line
from .enums import CLAIMABLE, DIGEST, MANDATORY_KINDS, Channel, ChannelChoice, DeliveryStatus
from .models import (
    CalendarToken,
    Delivery,
    LineAccount,
    LineLinkNonce,
    Notification,
    NotificationPreference,
    ReminderRule,
)
from .templating import check_template

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# A LINE push is tried this many times over transient errors (5xx, 429, timeouts); after the last failure, or at
# once on a permanent refusal, a user who chose LINE alone gets the message by e-mail instead (docs/line.md).
LINE_MAX_ATTEMPTS = 3
STALE_CLAIM = dt.timedelta(minutes=30)
SEND_DELIVERY = "apps.notifications.tasks.send_delivery"
TEMPLATE_FIELDS = ("subject_before", "body_before", "subject_after", "body_after")


# --- channels ----------------------------------------------------------------------------------------------


def line_routes(user_ids):
    """{user id: their per-kind channel choices} for the users who linked a LINE account, when LINE is
    configured; everyone else is not in it (e-mail only). Two queries."""
    if not line.configured() or not user_ids:
        return {}
    linked = set(LineAccount.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True))
    routes = dict.fromkeys(linked, {})
    for uid, channels in NotificationPreference.objects.filter(user_id__in=linked).values_list(
        "user_id", "channels"
    ):
        routes[uid] = channels or {}
    return routes


def channels_for(routes, user_id, kind):
    """The channels a message of `kind` takes to this user: (e-mail?, LINE?)."""
    if kind == DIGEST or user_id not in routes:
        return True, False
    choice = routes[user_id].get(kind, ChannelChoice.EMAIL)
    by_email = choice in (ChannelChoice.EMAIL, ChannelChoice.BOTH)
    by_line = choice in (ChannelChoice.LINE, ChannelChoice.BOTH)
    return by_email, by_line


def _copy(d, channel):
    fields = ("source", "rule_key", "subject_key", "due_on", "offset_days", "recipient_id", "province_id")
    more = ("kind", "title", "body", "url")
    return Delivery(channel=channel, **{f: getattr(d, f) for f in (*fields, *more)})


def _by_channel(batch):
    """Each candidate once per channel its recipient chose for its kind."""
    routes = line_routes({d.recipient_id for d in batch})
    out = []
    for d in batch:
        email, by_line = channels_for(routes, d.recipient_id, d.kind)
        if email:
            out.append(d)
        if by_line:
            out.append(_copy(d, Channel.LINE))
    return out


# --- planning ----------------------------------------------------------------------------------------------


def queue_reminders(today):
    """Ask every registered source for today's reminders and record each once (insert-or-skip on the unique
    key). An offset already announced for an earlier date of the same subject (a moved deadline) is not
    repeated; the later offsets use the new date. Returns the number of new candidates offered."""
    offered = 0
    for source in reminders.all_sources():
        batch = []
        for r in source.fn(today):
            batch.append(
                Delivery(
                    source=source.name,
                    rule_key=r.rule_key,
                    subject_key=r.subject_key,
                    due_on=r.due_on,
                    offset_days=r.offset_days,
                    recipient_id=r.recipient.pk,
                    province_id=r.province_id,
                    kind=r.kind,
                    title=r.title[:255],
                    body=r.body,
                    url=r.url[:500],
                )
            )
            if len(batch) >= 1000:
                offered += _insert(batch)
                batch = []
        if batch:
            offered += _insert(batch)
    return offered


def _insert(batch):
    """One query to find offsets already announced for another date, one bulk insert-or-skip (each candidate
    once per channel, two more queries when LINE is configured)."""
    batch = _by_channel(batch)
    announced = {}
    for rk, sk, off, rid, channel, due in (
        Delivery.objects.filter(
            rule_key__in={d.rule_key for d in batch},
            subject_key__in={d.subject_key for d in batch},
        )
        .exclude(status__in=[DeliveryStatus.CANCELLED, DeliveryStatus.FAILED])
        .values_list("rule_key", "subject_key", "offset_days", "recipient_id", "channel", "due_on")
    ):
        announced.setdefault((rk, sk, off, rid, channel), set()).add(due)
    fresh = [
        d
        for d in batch
        if not (
            announced.get((d.rule_key, d.subject_key, d.offset_days, d.recipient_id, d.channel), set())
            - {d.due_on}
        )
    ]
    Delivery.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def release_stale_claims(now=None):
    """A worker that died after claiming leaves a row in 'sending'; give it back after STALE_CLAIM."""
    now = now or timezone.now()
    return Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=DeliveryStatus.PENDING, claimed_at=None
    )


def sendable_ids(now=None):
    """Deliveries waiting to go: new ones, and failed ones whose back-off has passed (a final failure has no
    next attempt)."""
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(
            Q(status=DeliveryStatus.PENDING)
            | Q(status=DeliveryStatus.FAILED, attempts__lt=MAX_ATTEMPTS, next_attempt_at__lte=now)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- sending -----------------------------------------------------------------------------------------------


def claim(delivery_id, now=None):
    """Atomically take a delivery for sending: UPDATE … WHERE status IN (pending, failed). True for exactly
    one caller; every other concurrent caller gets False and must not send."""
    now = now or timezone.now()
    return (
        Delivery.objects.filter(pk=delivery_id, status__in=CLAIMABLE).update(
            status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
        == 1
    )


def backoff(attempts):
    """Minutes to wait before the next daily sweep may retry: 5, 10, 20 … capped at 6 hours."""
    return dt.timedelta(minutes=min(5 * 2 ** max(attempts - 1, 0), 360))


def _finish(d, status, **fields):
    fields.setdefault("last_error", "")
    Delivery.objects.filter(pk=d.pk, status=DeliveryStatus.SENDING).update(status=status, **fields)
    return status


def _siblings(d):
    """The same message to the same person by the other channel."""
    return Delivery.objects.filter(
        rule_key=d.rule_key,
        subject_key=d.subject_key,
        due_on=d.due_on,
        offset_days=d.offset_days,
        recipient_id=d.recipient_id,
    ).exclude(pk=d.pk)


def _needs_inbox_notice(d):
    """One inbox notice per message whatever the channels: the e-mail delivery writes it; a LINE delivery only
    when no e-mail goes with it; an e-mail sent as LINE's fallback finds the one LINE wrote."""
    if d.kind == DIGEST:
        return False
    siblings = _siblings(d)
    if d.channel == Channel.LINE and siblings.filter(channel=Channel.EMAIL).exists():
        return False
    return not Notification.objects.filter(delivery__in=siblings).exists()


def deliver(delivery_id):
    """Claim, re-check, put in the inbox, e-mail or push to LINE. Returns the final status, or None when
    someone else holds the delivery (already sent, or being sent by another worker)."""
    if not claim(delivery_id):
        return None
    d = Delivery.objects.select_related("recipient").get(pk=delivery_id)
    source = reminders.get(d.source)
    if source and source.still_due and not source.still_due(d):
        return _finish(d, DeliveryStatus.CANCELLED, last_error=_("ไม่ต้องแจ้งแล้ว: ดำเนินการแล้วหรือเปลี่ยนกำหนด"))
    if _needs_inbox_notice(d):
        Notification.objects.get_or_create(
            delivery=d,
            defaults={
                "user": d.recipient,
                "kind": d.kind,
                "title": d.title,
                "body": d.body,
                "url": d.url,
                "optional": d.kind not in MANDATORY_KINDS,
            },
        )
    if d.channel == Channel.LINE:
        return _deliver_line(d)
    user = d.recipient
    if not user.email or not user.is_active:
        return _finish(d, DeliveryStatus.SKIPPED, last_error=_("ผู้รับไม่มีอีเมล ส่งเฉพาะกล่องข้อความในระบบ"))
    body = _text(d)
    body += "\n\n" + _("— ข้อความนี้ส่งจากระบบ มชช. ตั้งค่าการแจ้งเตือนได้ที่ %(url)s") % {
        "url": settings.SITE_URL + "/app/inbox/settings/"
    }
    try:
        EmailMessage(subject=d.title, body=body, to=[user.email]).send(fail_silently=False)
    except Exception as exc:  # the mail server refused or is down: record, retry later
        log.warning("delivery %s failed: %s", d.pk, exc)
        return _finish(
            d,
            DeliveryStatus.FAILED,
            email=user.email,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + backoff(d.attempts),
        )
    return _finish(d, DeliveryStatus.SENT, email=user.email, sent_at=timezone.now(), next_attempt_at=None)


def _text(d):
    body = d.body
    if d.url and d.url not in body:
        body += "\n\n" + d.url
    return body


def _deliver_line(d):
    """Push the message to the recipient's linked LINE account. Transient failures are retried with back-off
    up to LINE_MAX_ATTEMPTS; after the last one (or a permanent refusal, or no linked account any more) the
    message goes by e-mail if the user chose LINE alone. A final failure has no next_attempt_at."""
    user = d.recipient
    account = LineAccount.objects.filter(user=user).first()
    if not line.configured() or account is None or not user.is_active:
        status = _finish(d, DeliveryStatus.SKIPPED, last_error=_("ผู้รับไม่ได้เชื่อมบัญชี LINE"), next_attempt_at=None)
        _fall_back_to_email(d)
        return status
    text = f"{d.title}\n\n{_text(d)}" if d.title else _text(d)
    try:
        line.push(account.line_user_id, text, retry_key=line.retry_key(d.pk))
    except line.LineError as exc:
        final = not exc.transient or d.attempts >= LINE_MAX_ATTEMPTS
        log.warning(
            "LINE delivery %s failed (attempt %s%s): %s", d.pk, d.attempts, ", final" if final else "", exc
        )
        status = _finish(
            d,
            DeliveryStatus.FAILED,
            last_error=str(exc)[:2000],
            next_attempt_at=None if final else timezone.now() + backoff(d.attempts),
        )
        if final:
            _fall_back_to_email(d)
        return status
    return _finish(d, DeliveryStatus.SENT, sent_at=timezone.now(), next_attempt_at=None)


def _fall_back_to_email(d):
    """LINE could not carry the message: e-mail it unless an e-mail of it already exists (the user chose both,
    or an earlier fallback). Insert-or-skip on the unique key, so a repeated fallback sends nothing twice."""
    if _siblings(d).filter(channel=Channel.EMAIL).exists():
        return None
    made = Delivery.objects.bulk_create([_copy(d, Channel.EMAIL)], ignore_conflicts=True)
    fallback = _siblings(d).filter(channel=Channel.EMAIL).first()
    if fallback is not None and made:
        log.info("LINE delivery %s falls back to e-mail delivery %s", d.pk, fallback.pk)
        _dispatch([fallback.pk])
    return fallback


def retry(delivery, *, by):
    """Put a failed delivery back in the queue now (operations page)."""
    if delivery.status != DeliveryStatus.FAILED:
        raise ValidationError(_("ส่งใหม่ได้เฉพาะรายการที่ส่งไม่สำเร็จ"))
    n = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, next_attempt_at=None, attempts=0
    )
    if n:
        audit(by, "delivery.retry", delivery, before={"status": "failed"}, after={"status": "pending"})
        _dispatch([delivery.pk])
    return n


def retry_failed(queryset, *, by):
    ids = list(queryset.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True))
    n = Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, next_attempt_at=None, attempts=0
    )
    if n:
        audit(by, "delivery.retry_failed", None, after={"count": n, "ids": ids[:200]})
        _dispatch(ids)
    return n


def _dispatch(ids):
    """Send each delivery by its own task once the transaction commits."""
    for pk in ids:
        enqueue(SEND_DELIVERY, pk)


def run_daily(today=None):
    """The beat task's body: plan today's reminders, build today's digests, send everything sendable.
    Safe to run twice or concurrently."""
    today = today or timezone.localdate()
    release_stale_claims()
    LineLinkNonce.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=1)).delete()
    offered = queue_reminders(today)
    digests = queue_digests(today)
    ids = sendable_ids()
    _dispatch(ids)
    log.info("reminders %s: %d offered, %d digests, %d to send", today, offered, digests, len(ids))
    return {"offered": offered, "digests": digests, "dispatched": len(ids)}


# --- event notices -----------------------------------------------------------------------------------------


def _home_province(user):
    ids = user.scope.readable_province_ids
    return next(iter(ids)) if len(ids) == 1 else None


def notify(user_or_users, *, kind, title, body="", url="", optional=True):
    """Tell one or more users about an event (a report returned or accepted, a decision, a certificate):
    an inbox notice always, and an e-mail unless the user switched `kind` off (optional notices only) or
    chose the daily digest. Call it inside your transaction; e-mails leave after commit. Returns the
    Notification rows."""
    users = [user_or_users] if hasattr(user_or_users, "pk") else list(user_or_users)
    prefs = {p.user_id: p for p in NotificationPreference.objects.filter(user__in=[u.pk for u in users])}
    routes = line_routes({u.pk for u in users})
    today = timezone.localdate()
    out, ids = [], []
    for user in users:
        pref = prefs.get(user.pk)
        muted = optional and pref is not None and kind in pref.muted_kinds
        by_email, by_line = channels_for(routes, user.pk, kind)
        digest = optional and not muted and by_email and pref is not None and pref.daily_digest
        n = Notification.objects.create(
            user=user, kind=kind, title=title[:255], body=body, url=url, optional=optional, in_digest=digest
        )
        channels = []
        if not muted and by_email and not digest:
            channels.append(Channel.EMAIL)
        if not muted and by_line:
            channels.append(Channel.LINE)
        for channel in channels:
            d = Delivery.objects.create(
                source="notice",
                rule_key=f"notice:{kind}",
                subject_key=f"notification:{n.pk}",
                due_on=today,
                recipient=user,
                province_id=_home_province(user),
                kind=kind,
                title=title[:255],
                body=body,
                url=url,
                channel=channel,
            )
            if n.delivery_id is None:  # the e-mail that carries it, else the LINE message
                n.delivery = d
                n.save(update_fields=["delivery"])
            ids.append(d.pk)
        out.append(n)
    _dispatch(ids)
    return out


def queue_digests(today):
    """One digest delivery per user per day (unique key), carrying the notices waiting for it."""
    made = 0
    user_ids = set(
        Notification.objects.filter(in_digest=True, digest__isnull=True).values_list("user_id", flat=True)
    )
    for uid in user_ids:
        d, created = Delivery.objects.get_or_create(
            rule_key="digest",
            subject_key=f"user:{uid}",
            due_on=today,
            offset_days=0,
            recipient_id=uid,
            channel=Channel.EMAIL,
            defaults={"source": "digest", "kind": DIGEST, "title": "", "body": ""},
        )
        if not created and (d.status != DeliveryStatus.PENDING or d.body):
            continue  # today's digest already went (or is going); later notices wait for tomorrow's
        Notification.objects.filter(user_id=uid, in_digest=True, digest__isnull=True).update(digest=d)
        items = list(Notification.objects.filter(digest=d).order_by("created_at"))
        lines = [_("สรุปข่าวสารจากระบบ มชช. ประจำวันที่ %(d)s") % {"d": format_date(today)}, ""]
        for i, n in enumerate(items, 1):
            lines += [f"{i}. {n.title}", *([n.body] if n.body else []), *([n.url] if n.url else []), ""]
        d.title = _("สรุปข่าวสาร มชช. %(d)s (%(n)d เรื่อง)") % {"d": format_date(today, "SHORT"), "n": len(items)}
        d.body = "\n".join(lines)
        d.province_id = _home_province(d.recipient)
        d.save(update_fields=["title", "body", "province"])
        made += 1
    return made


# --- inbox -------------------------------------------------------------------------------------------------


def mark_read(notification):
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())


def mark_all_read(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def save_preferences(user, *, daily_digest, muted_kinds, channels=None):
    """`channels` (kind → email | line | both) is given only when the page offered LINE; otherwise the stored
    choices stay as they are."""
    muted = sorted(set(muted_kinds) - MANDATORY_KINDS)
    defaults = {"daily_digest": daily_digest, "muted_kinds": muted}
    if channels is not None:
        defaults["channels"] = {k: v for k, v in sorted(channels.items()) if v != ChannelChoice.EMAIL}
    pref, _created = NotificationPreference.objects.update_or_create(user=user, defaults=defaults)
    return pref


# --- rules -------------------------------------------------------------------------------------------------


def _offsets(values):
    return sorted({int(v) for v in values}, reverse=True)


@transaction.atomic
def save_rule(rule, *, by, version, **data):
    """Save a reminder rule edited by provincial staff: templates checked, optimistic concurrency."""
    errors = []
    for f in TEMPLATE_FIELDS:
        try:
            check_template(data.get(f, getattr(rule, f)))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    for f in ("days_before", "days_after"):
        if f in data:
            data[f] = _offsets(data[f])
            if any(v < 1 or v > 365 for v in data[f]):
                raise ValidationError(_("จำนวนวันต้องอยู่ระหว่าง 1 ถึง 365"))
    fields = ["is_active", "days_before", "days_after", "copy_province_when_overdue", *TEMPLATE_FIELDS]
    before = {f: getattr(rule, f) for f in fields}
    n = ReminderRule.objects.filter(pk=rule.pk, version=version).update(
        version=F("version") + 1,
        updated_by=by,
        updated_at=timezone.now(),
        **{f: v for f, v in data.items() if f in fields},
    )
    if not n:
        raise ValidationError(_("มีผู้อื่นแก้ไขไปแล้ว กรุณาเปิดหน้านี้ใหม่แล้วแก้ไขอีกครั้ง"))
    rule.refresh_from_db()
    audit(by, "reminder_rule.changed", rule, before=before, after={f: getattr(rule, f) for f in fields})
    return rule


# --- calendar tokens ---------------------------------------------------------------------------------------


def active_token(user):
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()


@transaction.atomic
def regenerate_token(user):
    """Revoke the current feed link (old URL → 410) and make a new one."""
    CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = CalendarToken.objects.create(user=user)
    audit(user, "calendar_token.created", token)
    return token


def revoke_token(user):
    n = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if n:
        audit(user, "calendar_token.revoked", None, after={"user": user.pk})
    return n
