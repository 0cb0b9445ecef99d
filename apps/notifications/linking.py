"""Linking an officer's LINE account (the Messaging API account-link flow, docs/line.md):

1. the officer adds the office's Official Account as a friend (QR code on the preferences page) or writes to it;
2. the webhook receives the follow/message event, asks LINE for a link token and replies with our link page's URL;
3. the link page (signed in) makes a one-time nonce for the user and sends the browser to LINE with token + nonce;
4. LINE posts an accountLink event carrying the nonce: the nonce names the user, the event names the LINE user.

A LINE account already linked to someone else is refused (the LINE user is told, nothing changes)."""

import datetime as dt
import json
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit

from . import line
from .models import LineAccount, LineLinkNonce

log = logging.getLogger(__name__)

NONCE_TTL = dt.timedelta(minutes=30)


class AlreadyLinked(Exception):
    """This LINE account belongs to another user of the system."""


class BadSignature(Exception):
    pass


def link_page_url(link_token):
    return settings.SITE_URL + reverse("notifications:line_link") + "?" + urlencode({"linkToken": link_token})


def start_link(user, link_token):
    """Step 3: a fresh nonce for `user`; returns the LINE URL to send the browser to."""
    nonce = LineLinkNonce.objects.create(user=user)
    query = urlencode({"linkToken": link_token, "nonce": nonce.nonce})
    return f"{settings.LINE_ACCOUNT_LINK_URL}?{query}"


@transaction.atomic
def link_account(user, line_user_id, *, is_demo=False):
    """Bind `line_user_id` to `user` (replacing the user's earlier LINE account). Raises AlreadyLinked when
    another user holds that LINE account."""
    taken = LineAccount.objects.select_for_update().filter(line_user_id=line_user_id).first()
    if taken is not None and taken.user_id != user.pk:
        raise AlreadyLinked
    if taken is not None:
        return taken
    try:
        with transaction.atomic():
            account, created = LineAccount.objects.update_or_create(
                user=user, defaults={"line_user_id": line_user_id, "is_demo": is_demo}
            )
    except IntegrityError:  # linked to someone else a moment ago
        raise AlreadyLinked from None
    audit(user, "line_account.linked", account, after={"replaced": not created})
    return account


def unlink(user, *, by=None):
    n, _deleted = LineAccount.objects.filter(user=user).delete()
    if n:
        audit(by or user, "line_account.unlinked", None, after={"user": user.pk})
    return n


# --- webhook ------------------------------------------------------------------------------------------------


def handle_webhook(body, signature):
    """Check the signature, then handle each event. Raises BadSignature; LINE errors are logged, not raised
    (LINE would only redeliver the same events)."""
    if not line.verify_signature(body, signature):
        raise BadSignature
    try:
        events = json.loads(body.decode("utf-8")).get("events") or []
    except (ValueError, UnicodeDecodeError, AttributeError):
        return 0
    handled = 0
    for event in events:
        if not isinstance(event, dict):
            continue
        try:
            handled += _handle(event)
        except line.LineError as exc:
            log.warning("LINE webhook event %s: %s", event.get("type"), exc)
    return handled


def _reply(event, text):
    token = event.get("replyToken")
    if token:
        line.reply(token, text)


def _handle(event):
    kind = event.get("type")
    source = event.get("source") or {}
    line_user_id = source.get("userId") if source.get("type") == "user" else None
    if not line_user_id:
        return 0
    if kind in ("follow", "message"):
        if LineAccount.objects.filter(line_user_id=line_user_id).exists():
            _reply(event, _("บัญชี LINE นี้เชื่อมกับระบบ มชช. แล้ว ท่านจะได้รับการแจ้งเตือนทางช่องทางนี้"))
            return 1
        token = line.issue_link_token(line_user_id)
        _reply(
            event,
            _("เชื่อมบัญชี LINE กับระบบ มชช. เพื่อรับการแจ้งเตือน: เปิดลิงก์นี้แล้วเข้าสู่ระบบ (ใช้ได้ 10 นาที)\n%(url)s")
            % {"url": link_page_url(token)},
        )
        return 1
    if kind == "accountLink":
        return _account_link(event, line_user_id)
    if kind == "unfollow":
        for account in LineAccount.objects.filter(line_user_id=line_user_id).select_related("user"):
            unlink(account.user, by=None)
        return 1
    return 0


def _account_link(event, line_user_id):
    link = event.get("link") or {}
    if link.get("result") != "ok" or not link.get("nonce"):
        _reply(event, _("เชื่อมบัญชีไม่สำเร็จ กรุณาส่งข้อความถึงบัญชีนี้อีกครั้งเพื่อรับลิงก์ใหม่"))
        return 1
    now = timezone.now()
    with transaction.atomic():
        nonce = (
            LineLinkNonce.objects.select_for_update()
            .select_related("user")
            .filter(nonce=str(link["nonce"])[:64], used_at__isnull=True, created_at__gte=now - NONCE_TTL)
            .first()
        )
        if nonce is None:
            ok = False
        else:
            nonce.used_at = now
            nonce.save(update_fields=["used_at"])
            try:
                link_account(nonce.user, line_user_id)
                ok = True
            except AlreadyLinked:
                audit(
                    nonce.user, "line_account.link_refused", None, after={"reason": "linked to another user"}
                )
                _reply(
                    event,
                    _(
                        "บัญชี LINE นี้เชื่อมกับผู้ใช้อื่นในระบบ มชช. อยู่แล้ว จึงเชื่อมซ้ำไม่ได้ หากต้องการย้าย ให้ผู้ใช้เดิมยกเลิกการเชื่อมก่อน"
                    ),
                )
                return 1
    if ok:
        _reply(event, _("เชื่อมบัญชี LINE กับระบบ มชช. เรียบร้อยแล้ว เลือกเรื่องที่จะรับทาง LINE ได้ที่หน้าตั้งค่าการแจ้งเตือน"))
    else:
        _reply(event, _("ลิงก์เชื่อมบัญชีหมดอายุหรือถูกใช้ไปแล้ว กรุณาส่งข้อความถึงบัญชีนี้อีกครั้งเพื่อรับลิงก์ใหม่"))
    return 1
