"""LINE (issue 22 item 3): linking by the account-link flow through a signed webhook, unlinking, the channel per
kind, idempotent pushes, retries and the e-mail fallback, all against a fake Messaging API on loopback."""

import datetime as dt
import json
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.utils import timezone

from apps.core.models import AuditEvent
from apps.notifications import linking, services
from apps.notifications.enums import Channel, DeliveryStatus
from apps.notifications.line import sign
from apps.notifications.models import (
    Delivery,
    LineAccount,
    LineLinkNonce,
    Notification,
    NotificationPreference,
)
from tests.conftest import login

from .conftest import LINE_SECRET, SEVEN_BEFORE

pytestmark = pytest.mark.django_db

U_OFFICER = "U" + "a" * 32
U_OTHER = "U" + "b" * 32


def _post_events(client, *events, secret=LINE_SECRET, signature=None):
    body = json.dumps({"destination": "Uoa", "events": list(events)}).encode()
    sig = signature if signature is not None else sign(body, secret)
    return client.post(
        "/line/webhook/", data=body, content_type="application/json", HTTP_X_LINE_SIGNATURE=sig
    )


def _event(kind, uid, **more):
    return {"type": kind, "replyToken": f"rt-{kind}", "source": {"type": "user", "userId": uid}, **more}


def _link(client, user, uid, line_api, follow=True):
    """The whole flow: follow → link URL in the reply → link page → LINE → accountLink event."""
    token = "LinkTokFromAnotherChat"
    if follow:
        _post_events(client, _event("follow", uid))
        token = parse_qs(urlparse(line_api.replies()[-1].split()[-1]).query)["linkToken"][0]
    login(client, user)
    page = client.get("/app/inbox/line/link/", {"linkToken": token})
    assert page.status_code == 200 and "ยืนยันการเชื่อมบัญชี" in page.content.decode()
    to_line = client.post("/app/inbox/line/link/", {"linkToken": token})
    assert to_line.status_code == 302 and to_line.url.startswith(
        "https://access.line.me/dialog/bot/accountLink?"
    )
    nonce = parse_qs(urlparse(to_line.url).query)["nonce"][0]
    client.logout()
    return _post_events(client, _event("accountLink", uid, link={"result": "ok", "nonce": nonce}))


def _choose(user, **channels):
    NotificationPreference.objects.update_or_create(user=user, defaults={"channels": channels})


# --- linking -------------------------------------------------------------------------------------------------


def test_link_flow_end_to_end_with_a_signed_webhook(client, officer, line_api):
    r = _link(client, officer, U_OFFICER, line_api)
    assert r.status_code == 200
    # the follow event got a link token from LINE for that LINE user, and a reply with our link page
    assert line_api.link_tokens == 1
    assert line_api.calls(f"/v2/bot/user/{U_OFFICER}/linkToken")
    assert "/app/inbox/line/link/?linkToken=LinkTok0001" in line_api.replies()[0]
    assert LineAccount.objects.get(user=officer).line_user_id == U_OFFICER
    assert "เรียบร้อยแล้ว" in line_api.replies()[-1]
    assert AuditEvent.objects.filter(action="line_account.linked", actor=officer).exists()
    assert LineLinkNonce.objects.get(user=officer).used_at is not None
    # writing again: told it is linked, no new token
    _post_events(client, _event("message", U_OFFICER, message={"type": "text", "text": "สวัสดี"}))
    assert line_api.link_tokens == 1 and "เชื่อมกับระบบ มชช. แล้ว" in line_api.replies()[-1]


@pytest.mark.parametrize("signature", ["", "bm90IGEgc2lnbmF0dXJl", sign(b"other body", LINE_SECRET)])
def test_bad_signature_is_refused_without_detail(client, line_api, signature):
    r = _post_events(client, _event("follow", U_OFFICER), signature=signature)
    assert r.status_code == 400 and r.content == b""
    assert line_api.requests == []


def test_signature_with_another_secret_is_refused(client, line_api):
    r = _post_events(client, _event("follow", U_OFFICER), secret="someone-elses-secret")
    assert r.status_code == 400 and line_api.requests == []


def test_webhook_garbage_with_a_good_signature_is_ignored(client, line_api):
    body = b"\xff not json"
    r = client.post(
        "/line/webhook/", data=body, content_type="application/json", HTTP_X_LINE_SIGNATURE=sign(body)
    )
    assert r.status_code == 200 and line_api.requests == []


def test_line_account_linked_to_another_user_is_refused(client, officer, neighbour, line_api):
    LineAccount.objects.create(user=neighbour, line_user_id=U_OTHER)
    _link(client, officer, U_OTHER, line_api, follow=False)
    assert not LineAccount.objects.filter(user=officer).exists()
    assert LineAccount.objects.get(line_user_id=U_OTHER).user == neighbour
    assert "ผู้ใช้อื่น" in line_api.replies()[-1]
    assert AuditEvent.objects.filter(action="line_account.link_refused", actor=officer).exists()
    with pytest.raises(linking.AlreadyLinked):
        linking.link_account(officer, U_OTHER)


def test_a_nonce_works_once_and_expires(client, officer, line_api):
    nonce = LineLinkNonce.objects.create(user=officer)
    LineLinkNonce.objects.filter(pk=nonce.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    _post_events(client, _event("accountLink", U_OFFICER, link={"result": "ok", "nonce": nonce.nonce}))
    assert not LineAccount.objects.exists() and "หมดอายุ" in line_api.replies()[-1]
    _post_events(client, _event("accountLink", U_OFFICER, link={"result": "failed"}))
    assert not LineAccount.objects.exists() and "ไม่สำเร็จ" in line_api.replies()[-1]


def test_link_page_refuses_a_bad_token_in_thai(client, officer, line_api):
    login(client, officer)
    for bad in ({}, {"linkToken": "<script>"}, {"linkToken": "x" * 500}):
        r = client.get("/app/inbox/line/link/", bad)
        assert r.status_code == 400 and "รหัสเชื่อมบัญชี" in r.content.decode()
    assert client.post("/app/inbox/line/link/", {"linkToken": "a b"}).status_code == 400
    assert not LineLinkNonce.objects.exists()


def test_unlink_button_and_unfollow(client, officer, neighbour, line_api):
    LineAccount.objects.create(user=officer, line_user_id=U_OFFICER)
    LineAccount.objects.create(user=neighbour, line_user_id=U_OTHER)
    login(client, officer)
    assert client.post("/app/inbox/line/unlink/").status_code == 302
    assert not LineAccount.objects.filter(user=officer).exists()
    assert AuditEvent.objects.filter(action="line_account.unlinked", actor=officer).exists()
    client.logout()
    _post_events(client, _event("unfollow", U_OTHER))  # blocking the Official Account unlinks too
    assert not LineAccount.objects.exists()


def test_without_a_channel_token_line_is_absent(client, officer, no_line):
    LineAccount.objects.create(user=officer, line_user_id=U_OFFICER)
    _choose(officer, submission_returned="line")
    body = json.dumps({"events": []}).encode()
    assert client.post("/line/webhook/", data=body, content_type="application/json").status_code == 404
    login(client, officer)
    page = client.get("/app/inbox/settings/").content.decode()
    assert "channel_" not in page and "line_unlink" not in page and 'id="line"' not in page
    assert client.get("/app/inbox/line/link/", {"linkToken": "abcdefgh12"}).status_code == 404
    assert client.post("/app/inbox/line/unlink/").status_code == 404
    services.notify(officer, kind="submission_returned", title="ส่งกลับให้แก้ไข")
    assert list(Delivery.objects.values_list("channel", flat=True)) == [Channel.EMAIL]


# --- preferences ---------------------------------------------------------------------------------------------


def test_preferences_offer_a_channel_per_kind_once_linked(client, officer, line_api):
    login(client, officer)
    page = client.get("/app/inbox/settings/").content.decode()
    assert "channel_" not in page and "<svg" in page and "line.me/R/ti/p/@mchch-test" in page
    LineAccount.objects.create(user=officer, line_user_id=U_OFFICER)
    page = client.get("/app/inbox/settings/").content.decode()
    assert 'name="channel_deadline_reminder"' in page and 'name="channel_submission_returned"' in page
    assert 'name="channel_digest"' not in page
    data = {
        "email_kinds": ["submission_returned", "submission_accepted"],
        "channel_deadline_reminder": "both",
    }
    data["channel_submission_returned"] = "line"
    r = client.post("/app/inbox/settings/", data)
    assert r.status_code == 200  # every kind needs a choice: the form says so, nothing saved
    assert not NotificationPreference.objects.filter(user=officer).exists()
    from apps.notifications.forms import line_kinds

    data.update({f"channel_{k}": data.get(f"channel_{k}", "email") for k in line_kinds()})
    assert client.post("/app/inbox/settings/", data).status_code == 302
    pref = NotificationPreference.objects.get(user=officer)
    assert pref.channels == {"deadline_reminder": "both", "submission_returned": "line"}
    data["channel_general"] = "pigeon"
    r = client.post("/app/inbox/settings/", data)
    assert r.status_code == 200 and "เลือก" in r.content.decode()


# --- delivery --------------------------------------------------------------------------------------------------


def test_a_reminder_day_pushes_once_per_recipient_even_when_run_twice(
    run_daily, deadline, officer, neighbour, line_api
):
    LineAccount.objects.create(user=officer, line_user_id=U_OFFICER)
    LineAccount.objects.create(user=neighbour, line_user_id=U_OTHER)
    _choose(officer, deadline_reminder="both")
    _choose(neighbour, deadline_reminder="line")
    run_daily(SEVEN_BEFORE)
    run_daily(SEVEN_BEFORE)
    assert len(line_api.pushes(U_OFFICER)) == 1 and len(line_api.pushes(U_OTHER)) == 1
    text = line_api.pushes(U_OFFICER)[0]["messages"][0]["text"]
    assert "20 พฤศจิกายน 2569" in text and "อำเภอเมืองพิษณุโลก" in text
    assert [m.to for m in mail.outbox] == [[officer.email]]  # LINE alone for the neighbour: no e-mail
    for user in (officer, neighbour):
        assert Notification.objects.filter(user=user).count() == 1  # one inbox notice whatever the channels
    line_rows = Delivery.objects.filter(channel=Channel.LINE)
    assert sorted(line_rows.values_list("status", "attempts")) == [(DeliveryStatus.SENT, 1)] * 2
    key = line_api.calls("/v2/bot/message/push")[0][0]["X-Line-Retry-Key"]
    assert len(key) == 36  # a UUID, fixed per delivery


def test_line_down_is_retried_then_falls_back_to_email(officer, line_api, committed):
    LineAccount.objects.create(user=officer, line_user_id=U_OFFICER)
    _choose(officer, submission_returned="line")
    line_api.fail_status = 500
    with committed():
        services.notify(officer, kind="submission_returned", title="รายงานถูกส่งกลับให้แก้ไข", body="ขาดภาพถ่าย")
    d = Delivery.objects.get(channel=Channel.LINE)
    assert (d.status, d.attempts) == (DeliveryStatus.FAILED, 1) and "500" in d.last_error
    assert d.next_attempt_at > timezone.now() and mail.outbox == []
    later = timezone.now() + dt.timedelta(hours=7)
    assert services.sendable_ids(now=timezone.now()) == []  # backing off
    assert services.sendable_ids(now=later) == [d.pk]
    with committed():
        assert services.deliver(d.pk) == DeliveryStatus.FAILED  # second try
    assert mail.outbox == []
    with committed():
        assert services.deliver(d.pk) == DeliveryStatus.FAILED  # third and last
    d.refresh_from_db()
    assert (d.attempts, d.next_attempt_at) == (3, None)
    assert services.sendable_ids(now=later) == []  # given up
    assert len(line_api.pushes()) == 3
    assert len(mail.outbox) == 1 and "ขาดภาพถ่าย" in mail.outbox[0].body  # the fallback
    email = Delivery.objects.get(channel=Channel.EMAIL)
    assert email.status == DeliveryStatus.SENT
    assert Notification.objects.filter(user=officer).count() == 1
    # the same retry key every time, so LINE would drop a repeat of a push it had accepted
    assert len({h["X-Line-Retry-Key"] for h, _b in line_api.calls("/v2/bot/message/push")}) == 1
    # a manual retry later succeeds; still no second e-mail
    line_api.fail_status = None
    Delivery.objects.filter(pk=d.pk).update(attempts=0, status=DeliveryStatus.PENDING)
    with committed():
        assert services.deliver(d.pk) == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


def test_line_down_with_both_chosen_still_emails_at_once(officer, line_api, committed):
    LineAccount.objects.create(user=officer, line_user_id=U_OFFICER)
    _choose(officer, submission_returned="both")
    line_api.fail_status = 503
    with committed():
        services.notify(officer, kind="submission_returned", title="รายงานถูกส่งกลับให้แก้ไข")
    assert len(mail.outbox) == 1
    d = Delivery.objects.get(channel=Channel.LINE)
    for _i in range(2):
        with committed():
            services.deliver(d.pk)
    assert (
        len(mail.outbox) == 1 and Delivery.objects.count() == 2
    )  # no fallback copy: the e-mail went already
    assert Notification.objects.filter(user=officer).count() == 1


def test_permanent_refusal_falls_back_at_once(officer, line_api, committed):
    LineAccount.objects.create(user=officer, line_user_id=U_OFFICER)
    _choose(officer, submission_accepted="line")
    line_api.fail_status = 400
    with committed():
        services.notify(officer, kind="submission_accepted", title="จังหวัดรับรายงานแล้ว")
    d = Delivery.objects.get(channel=Channel.LINE)
    assert (d.status, d.attempts, d.next_attempt_at) == (DeliveryStatus.FAILED, 1, None)
    assert len(mail.outbox) == 1


def test_unlinked_before_sending_goes_by_email(officer, line_api, committed):
    LineAccount.objects.create(user=officer, line_user_id=U_OFFICER)
    _choose(officer, submission_accepted="line")
    services.notify(officer, kind="submission_accepted", title="จังหวัดรับรายงานแล้ว")  # not sent yet
    LineAccount.objects.all().delete()
    d = Delivery.objects.get(channel=Channel.LINE)
    with committed():
        assert services.deliver(d.pk) == DeliveryStatus.SKIPPED
    assert line_api.pushes() == [] and len(mail.outbox) == 1


def test_line_only_notice_is_not_emailed_and_digest_does_not_take_it(officer, line_api, committed, run_daily):
    LineAccount.objects.create(user=officer, line_user_id=U_OFFICER)
    NotificationPreference.objects.create(user=officer, daily_digest=True, channels={"decision_made": "line"})
    with committed():
        services.notify(officer, kind="decision_made", title="ผลการพิจารณา: ผ่าน")
    assert len(line_api.pushes(U_OFFICER)) == 1 and mail.outbox == []
    run_daily(timezone.localdate())
    assert mail.outbox == []  # nothing waited for the digest


def test_worker_task_retries_a_transient_failure_but_not_a_final_one(officer, line_api, committed):
    from apps.notifications.tasks import DeliveryFailed, send_delivery

    LineAccount.objects.create(user=officer, line_user_id=U_OFFICER)
    _choose(officer, general="line")
    services.notify(officer, kind="general", title="ประกาศ")  # not dispatched (no commit here)
    d = Delivery.objects.get(channel=Channel.LINE)
    line_api.fail_status = 502
    with pytest.raises(DeliveryFailed):  # on a worker: Celery backs off and calls again
        send_delivery.run(d.pk)
    Delivery.objects.filter(pk=d.pk).update(attempts=2)
    with committed():
        assert send_delivery.run(d.pk) == DeliveryStatus.FAILED  # the last attempt: no retry, e-mail instead
    assert len(mail.outbox) == 1
