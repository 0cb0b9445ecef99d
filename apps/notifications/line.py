"""The LINE Messaging API, as far as this system uses it: push a text, reply to an event, issue a link token,
check a webhook's signature. Built on line-bot-sdk v3 (`linebot.v3`) with its host taken from LINE_API_BASE, so
the tests talk to a fake server on loopback. Nothing here touches the database."""

import base64
import hashlib
import hmac
import uuid

import urllib3
from django.conf import settings

MAX_TEXT = 5000  # LINE's limit for one text message


class LineError(Exception):
    """A call to LINE failed. `transient` (5xx, 429, timeout, no connection) is worth retrying; anything else
    (the user blocked the Official Account, a bad token) is not."""

    def __init__(self, message, *, status=None, transient=True):
        super().__init__(message)
        self.status = status
        self.transient = transient


def configured():
    return bool(settings.LINE_CHANNEL_TOKEN and settings.LINE_CHANNEL_SECRET)


def verify_signature(body, signature):
    """X-Line-Signature is base64(HMAC-SHA256(channel secret, raw body)); compared in constant time."""
    if not settings.LINE_CHANNEL_SECRET or not signature:
        return False
    digest = hmac.new(settings.LINE_CHANNEL_SECRET.encode(), body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest).decode(), signature)


def sign(body, secret=None):
    """The signature LINE would send for `body` (used by the tests and the office's own checks)."""
    secret = secret or settings.LINE_CHANNEL_SECRET
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def _call(fn):
    from linebot.v3.messaging import ApiClient, Configuration, MessagingApi
    from linebot.v3.messaging.exceptions import ApiException

    config = Configuration(host=settings.LINE_API_BASE, access_token=settings.LINE_CHANNEL_TOKEN)
    config.retries = False  # retries are ours (Delivery rows with back-off), not urllib3's
    try:
        with ApiClient(config) as client:
            return fn(MessagingApi(client), settings.LINE_TIMEOUT)
    except ApiException as exc:
        status = exc.status or 0
        raise LineError(
            f"LINE API {status}: {(exc.body or exc.reason or '')!s:.300}",
            status=status,
            transient=status >= 500 or status == 429,
        ) from exc
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise LineError(f"LINE API unreachable: {type(exc).__name__}: {exc}"[:500]) from exc


def text_message(text):
    from linebot.v3.messaging import TextMessage

    return TextMessage(text=text[:MAX_TEXT])


def push(line_user_id, text, *, retry_key):
    """Push one text to one LINE user. `retry_key` (a UUID fixed per delivery) makes LINE drop a repeat of a
    request it already accepted: it answers 409, which counts as sent."""
    from linebot.v3.messaging import PushMessageRequest

    request = PushMessageRequest(to=line_user_id, messages=[text_message(text)])
    try:
        _call(
            lambda api, timeout: api.push_message(
                request, x_line_retry_key=str(retry_key), _request_timeout=timeout
            )
        )
    except LineError as exc:
        if exc.status == 409:
            return "duplicate"
        raise
    return "sent"


def reply(reply_token, text):
    from linebot.v3.messaging import ReplyMessageRequest

    request = ReplyMessageRequest(replyToken=reply_token, messages=[text_message(text)])
    _call(lambda api, timeout: api.reply_message(request, _request_timeout=timeout))


def issue_link_token(line_user_id):
    result = _call(lambda api, timeout: api.issue_link_token(line_user_id, _request_timeout=timeout))
    return result.link_token


def retry_key(delivery_pk):
    """The same UUID for every attempt of one delivery (LINE's X-Line-Retry-Key)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/deliveries/{delivery_pk}")
