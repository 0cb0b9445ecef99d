"""One-time scoring links (issue 18): a member — usually one without an account — scores the units of one round
from a link sent by e-mail. The link is a random token (only its SHA-256 is stored), bound to one seat and one
round, expiring after settings.SCORING_LINK_DAYS, revocable by staff; each scorecard goes through it once (a
submit, no drafts) and once every unit the member may score is submitted the link is spent. A reused, expired,
revoked or unknown link opens a plain page with no data (views_link.py)."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit
from apps.core.thaidates import format_date

from .enums import ScorecardStatus
from .models import RoundEntry, Scorecard, ScoringLink
from .services import declare_seat_conflict, save_seat_scorecard


class LinkGone(Exception):
    """The link cannot be used: `status` 404 (unknown or tampered) or 410 (expired, revoked, spent)."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def url_of(token):
    return settings.SITE_URL + reverse("evaluation_link:home", args=[token])


def open_entries(link):
    """The units of the link's round the member may still score through it: conflicts excluded (the same rule as
    everywhere, RoundEntry.scorable_for_seat), undecided, not yet submitted."""
    submitted = Scorecard.objects.filter(seat=link.seat, status=ScorecardStatus.SUBMITTED).values("entry_id")
    return (
        RoundEntry.objects.scorable_for_seat(link.seat)
        .filter(round=link.round, decision="")
        .exclude(pk__in=submitted)
    )


@transaction.atomic
def issue_link(rnd, seat, *, by, email=""):
    """Create a link for a seat of the round's committee and e-mail it (after commit). Returns (link, url)."""
    if seat.committee_id != rnd.committee_id or seat.removed_at is not None:
        raise ValidationError(_("กรรมการท่านนี้ไม่ได้อยู่ในคณะกรรมการของรอบนี้"))
    email = (email or seat.person.email or (seat.user.email if seat.user_id else "")).strip().lower()
    if not email:
        raise ValidationError(_("กรรมการท่านนี้ยังไม่มีอีเมล กรุณากรอกอีเมลที่จะส่งลิงก์"))
    if not open_entries_for(rnd, seat).exists():
        raise ValidationError(_("กรรมการท่านนี้ไม่มีหน่วยนับที่ต้องให้คะแนนในรอบนี้แล้ว"))
    token = secrets.token_urlsafe(32)
    link = ScoringLink.objects.create(
        seat=seat,
        round=rnd,
        token_hash=_hash(token),
        sent_to=email,
        expires_at=timezone.now() + dt.timedelta(days=settings.SCORING_LINK_DAYS),
        created_by=by,
    )
    url = url_of(token)
    body = render_to_string(
        "evaluation/email/scoring_link.txt",
        {
            "person": seat.person,
            "round": rnd,
            "url": url,
            "expires": format_date(link.expires_at.date()),
            "by": by,
        },
    )
    subject = _("ลิงก์ให้คะแนน: %(r)s") % {"r": rnd.title}
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    audit(by, "scoring_link.sent", rnd, after={"seat": seat.pk, "member": seat.person.full_name, "to": email})
    return link, url


def open_entries_for(rnd, seat):
    return open_entries(ScoringLink(seat=seat, round=rnd))


@transaction.atomic
def revoke_link(link, *, by):
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = timezone.now(), by
        link.save(update_fields=["revoked_at", "revoked_by"])
        audit(
            by,
            "scoring_link.revoked",
            link.round,
            after={"link": link.pk, "member": link.seat.person.full_name},
        )
    return link


def resolve(token):
    """The usable link of a token, or LinkGone(404 | 410). Constant time lookup by the hash of the token."""
    if not token or len(token) > 100:
        raise LinkGone(404)
    link = (
        ScoringLink.objects.filter(token_hash=_hash(token))
        .select_related("seat__person", "round__committee__year")
        .first()
    )
    if link is None:
        raise LinkGone(404)
    if (
        link.revoked_at is not None
        or link.spent_at is not None
        or link.expires_at <= timezone.now()
        or link.seat.removed_at is not None
    ):
        raise LinkGone(410)
    return link


@transaction.atomic
def submit_via_link(link, entry, *, values, comments=None, comment=""):
    """Submit the member's scorecard of one unit through the link (once); the link is spent once nothing is
    left to score."""
    link = ScoringLink.objects.select_for_update().get(pk=link.pk)
    if link.spent_at is not None or link.revoked_at is not None:
        raise LinkGone(410)
    if not open_entries(link).filter(pk=entry.pk).exists():
        raise ValidationError(_("หน่วยนับนี้ส่งคะแนนแล้วหรือไม่อยู่ในรายการให้คะแนนของท่าน"))
    card = save_seat_scorecard(
        entry,
        link.seat,
        values=values,
        comments=comments,
        comment=comment,
        submit=True,
        by=link.seat.user,
        via_link=True,
    )
    link.last_used_at = timezone.now()
    fields = ["last_used_at"]
    if not open_entries(link).exists():
        link.spent_at = link.last_used_at
        fields.append("spent_at")
    link.save(update_fields=fields)
    return card


@transaction.atomic
def declare_via_link(link, entry, *, reason):
    """The member declares a conflict of interest with a unit of the link; the link is spent once nothing is left."""
    link = ScoringLink.objects.select_for_update().get(pk=link.pk)
    if link.spent_at is not None or link.revoked_at is not None:
        raise LinkGone(410)
    declaration = declare_seat_conflict(entry, link.seat, reason=reason, by=link.seat.user)
    link.last_used_at = timezone.now()
    fields = ["last_used_at"]
    if not open_entries(link).exists():
        link.spent_at = link.last_used_at
        fields.append("spent_at")
    link.save(update_fields=fields)
    return declaration
