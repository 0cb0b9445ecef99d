"""The certificate follows the provincial committee's decision (apps.evaluation.signals, connected in
CertificationConfig.ready): the last level's pass issues it, dated on the day of the meeting whose resolution
passed the unit; a pass corrected
away revokes it; a correction back to pass gives the same certificate back."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.thaidates import format_date
from apps.evaluation.enums import Decision
from apps.registry.enums import Outcome

from .models import Certificate
from .services import issue_certificate, reinstate_by_correction, revoke_certificate


def refuse_pass_of_revoked(sender, *, enrolment, decision, last_level, **kwargs):
    """A certificate revoked by the province for its own reason (not by a correction of the decision): the
    province decides, not a new pass of the committee."""
    if decision != Decision.PASS or not last_level:
        return
    cert = Certificate.objects.filter(enrolment=enrolment).first()
    if cert is not None and cert.revoked_at and not cert.revoked_by_correction:
        raise ValidationError(
            _("ใบรับรองของหน่วยนับนี้ (%(n)s) ถูกเพิกถอนโดยจังหวัดแล้ว จึงบันทึกผลผ่านซ้ำไม่ได้ กรุณาติดต่อเจ้าหน้าที่จังหวัด")
            % {"n": cert.number}
        )


def refuse_meeting_after_certificate(sender, *, enrolment, decision, meeting=None, **kwargs):
    """A resolution of a meeting held after the date of the unit's existing certificate would make the
    certificate older than the resolution that gave it: refused."""
    if meeting is None or decision != Decision.PASS:
        return
    cert = Certificate.objects.filter(enrolment=enrolment, revoked_at__isnull=True).first()
    if cert is not None and cert.certified_on < meeting.held_on:
        raise ValidationError(
            _("วันประชุม (%(m)s) อยู่หลังวันที่รับรองในใบรับรองเลขที่ %(n)s (%(c)s) จึงบันทึกมติไม่ได้")
            % {"m": format_date(meeting.held_on), "n": cert.number, "c": format_date(cert.certified_on)}
        )


def follow_decision(sender, *, enrolment, decision, previous, by, reason, decided_at, meeting=None, **kwargs):
    cert = Certificate.objects.filter(enrolment=enrolment).first()
    if enrolment.outcome == Outcome.CERTIFIED and cert is not None and cert.revoked_by_correction:
        # A correction to not-pass took the certificate away; correcting back to pass gives the same one back.
        reinstate_by_correction(cert, by=by, reason=reason)
    elif enrolment.outcome == Outcome.CERTIFIED:
        # The last level's pass creates the certificate (DESIGN §2), dated on the day of the meeting whose
        # resolution passed the unit (a decision recorded outside a meeting: its own day).
        on = meeting.held_on if meeting is not None else timezone.localdate(decided_at)
        issue_certificate(enrolment, by=by, certified_on=on)
    elif previous == Decision.PASS and cert is not None and not cert.revoked_at:
        # A last-level pass corrected to not-pass or return: the certificate goes, with the correction's reason.
        revoke_certificate(cert, by=by, reason=reason, by_correction=True)
