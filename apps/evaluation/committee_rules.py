"""A committee's own rules: its quorum (share of all members and a minimum number of people, with the source of
the rule) and its duties as printed in its appointment order. Validated, written and audited in one place."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.audit import audit, snapshot

from .models import Committee, CommitteeMember

RULE_FIELDS = ["quorum_numerator", "quorum_denominator", "quorum_minimum", "quorum_rule", "duties"]


def clean_duties(text):
    """One duty a line, blank lines and stray spaces dropped."""
    return "\n".join(line.strip() for line in (text or "").replace("\x00", "").splitlines() if line.strip())


@transaction.atomic
def update_rules(
    committee, *, by, quorum_numerator, quorum_denominator, quorum_minimum, quorum_rule="", duties=""
):
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if not quorum_numerator or not quorum_denominator or quorum_numerator < 1 or quorum_denominator < 1:
        raise ValidationError({"quorum_denominator": _("สัดส่วนองค์ประชุมต้องเป็นจำนวนเต็มบวก")})
    if quorum_numerator > quorum_denominator:
        raise ValidationError(
            {"quorum_numerator": _("สัดส่วนองค์ประชุมต้องไม่เกินจำนวนกรรมการทั้งหมด (เศษต้องไม่มากกว่าส่วน)")}
        )
    members = CommitteeMember.objects.filter(committee=committee).count()
    minimum = quorum_minimum or 0
    if members and minimum > members:
        raise ValidationError(
            {
                "quorum_minimum": _(
                    "องค์ประชุมอย่างน้อย %(n)s คน มากกว่าจำนวนกรรมการทั้งหมด %(m)s คน การประชุมจะไม่มีวันครบองค์ประชุม"
                )
                % {"n": minimum, "m": members}
            }
        )
    before = snapshot(committee, RULE_FIELDS)
    committee.quorum_numerator = quorum_numerator
    committee.quorum_denominator = quorum_denominator
    committee.quorum_minimum = minimum
    committee.quorum_rule = (quorum_rule or "").strip()[:255]
    committee.duties = clean_duties(duties)
    committee.save(update_fields=RULE_FIELDS)
    audit(by, "committee.rules_updated", committee, before=before, after=snapshot(committee, RULE_FIELDS))
    return committee
