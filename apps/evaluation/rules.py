"""Who may do what in evaluation. Visibility itself is in selectors.py (visible_to, scorable_by)."""

import rules

from apps.accounts.rules import (
    can_edit_district_work,
    can_manage_province,
    is_admin,
    is_district_officer,
    is_province_staff,
)
from apps.registry.enums import EvaluationLevel

from .enums import DECIDING_ROLES


def _committee(obj):
    for path in ("committee", "round.committee"):
        cur = obj
        try:
            for part in path.split("."):
                cur = getattr(cur, part)
            return cur
        except AttributeError:
            continue
    return obj


@rules.predicate
def is_district_level(user, obj):
    return obj is not None and _committee(obj).level == EvaluationLevel.DISTRICT


@rules.predicate
def works_in_committee_district(user, obj):
    return obj is not None and _committee(obj).district_id in user.scope.district_ids


@rules.predicate
def chairs_or_secretary(user, obj):
    """Chair or secretary of the committee of obj (a committee, a round or an entry)."""
    if obj is None:
        return False
    from .models import CommitteeMember

    committee = obj.round.committee if hasattr(obj, "round") else _committee(obj)
    return (
        CommitteeMember.objects.active()
        .filter(committee_id=committee.pk, user_id=user.pk, role__in=list(DECIDING_ROLES))
        .exists()
    )


@rules.predicate
def is_secretary(user, obj):
    """Secretary (กรรมการและเลขานุการ) of the committee of obj (a committee, a round or a seat)."""
    if obj is None:
        return False
    from .enums import CommitteeRole
    from .models import CommitteeMember

    return (
        CommitteeMember.objects.active()
        .filter(committee_id=_committee(obj).pk, user_id=user.pk, role=CommitteeRole.SECRETARY)
        .exists()
    )


def _seat_roles(user):
    """The roles of the user's active seats, read once per request (the menu, the landing page and the view
    all ask): kept on the user object, which Django builds anew for each request."""
    roles = getattr(user, "_active_seat_roles", None)
    if roles is None:
        from .models import CommitteeMember

        roles = set()
        if user.is_authenticated:
            roles = set(
                CommitteeMember.objects.active().filter(user_id=user.pk).values_list("role", flat=True)
            )
        user._active_seat_roles = roles
    return roles


@rules.predicate
def sits_on_a_committee(user):
    return bool(_seat_roles(user))


@rules.predicate
def chairs_a_committee(user):
    return bool(_seat_roles(user) & DECIDING_ROLES)


# The district forms and runs its own committee (DESIGN §7); the province every other level.
can_manage_evaluation = can_manage_province | (is_district_level & works_in_committee_district)

rules.add_perm("evaluation.add_committee", is_admin | is_province_staff | is_district_officer)
rules.add_perm("evaluation.manage_committee", can_manage_evaluation)
rules.add_perm("evaluation.manage_round", can_manage_evaluation)
# Letting a unit without its self-assessment or submitted plan into a round, with a reason: the province only.
rules.add_perm("evaluation.override_readiness", can_manage_province)
# Chair or secretary; at district level the district officer may record the committee's result (DESIGN §7).
rules.add_perm("evaluation.decide", chairs_or_secretary | (is_district_level & works_in_committee_district))
# Typing in a member's scores from their signed paper sheet, printing the blank sheets and sending or revoking
# one-time scoring links: the committee's secretary, or the staff who run the committee (issue 18).
rules.add_perm("evaluation.record_on_behalf", can_manage_evaluation | is_secretary)
rules.add_perm("evaluation.nominate_exemplar", can_edit_district_work)
# Meetings (dates, attendance, resolutions, minutes): whoever runs the committee's rounds.
rules.add_perm("evaluation.manage_meeting", can_manage_evaluation)
