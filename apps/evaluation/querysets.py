"""visible_to(user) and scorable_by(user) (the querysets of the models): the only ways views, exports and panels find evaluation objects.
The conflict-of-interest rule (DESIGN §7) lives here, in scorable_by, not in templates."""

from django.apps import apps
from django.db import models

from apps.registry.enums import EvaluationLevel


def _province_readers(scope):
    return scope.staff_province_ids | scope.national_province_ids


def _member_model():
    # querysets.py sits below models.py: another model of the app is found through the app registry
    return apps.get_model("evaluation", "CommitteeMember")


def seat_committee_ids(user):
    """Committees the user sits on now (a removed seat gives nothing any more)."""
    return _member_model().objects.filter(user_id=user.pk, removed_at__isnull=True).values("committee_id")


def own_district_ids(user):
    """Districts a person belongs to: their district roles and the home district of their person record. Read
    once per user object (request), as the scope is: the scorecard page asks twice (the entry, the others'
    scorecards)."""
    own = getattr(user, "_own_district_ids", None)
    if own is None:
        scope = user.scope
        homes = set(
            apps.get_model("accounts", "Person")
            .objects.filter(user_id=user.pk, home_district__isnull=False)
            .values_list("home_district_id", flat=True)
        )
        own = user._own_district_ids = frozenset(scope.district_ids | scope.district_committee_ids | homes)
    return own


def seat_district_ids(seat):
    """Own districts of a seat's person: the home district, and the district roles of their account if any."""
    person = seat.person
    own = {person.home_district_id} if person.home_district_id else set()
    if person.user_id:
        own |= own_district_ids(person.user)
    return own


class SeatQuerySet(models.QuerySet):
    def active(self):
        return self.filter(removed_at__isnull=True)

    def visible_to(self, user):
        committees = self.model._meta.get_field("committee").related_model
        return self.filter(committee__in=committees.objects.visible_to(user).values("pk"))


class CommitteeQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(
            models.Q(year__province_id__in=_province_readers(scope))
            | models.Q(level=EvaluationLevel.DISTRICT, district_id__in=scope.district_ids)
            | models.Q(pk__in=seat_committee_ids(user))
        )


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        committees = self.model._meta.get_field("committee").related_model
        return self.filter(committee__in=committees.objects.visible_to(user).values("pk"))


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        committees = apps.get_model("evaluation", "Committee")
        return self.filter(round__committee__in=committees.objects.visible_to(user).values("pk"))


class RoundEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff and viewers of the province; the district of the unit; the members of the round's committee
        (a zone member therefore sees only the units of their zone's rounds)."""
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        return self.filter(
            models.Q(round__committee__year__province_id__in=_province_readers(scope))
            | models.Q(enrolment__unit__district_id__in=scope.district_ids)
            | models.Q(round__committee_id__in=seat_committee_ids(user))
        )

    def scorable_by(self, user):
        """Entries a member may score: rounds of their committees, minus the units they mentor, those they
        declared a conflict of interest with and, from the zone level up, the units of their own district."""
        own = own_district_ids(user)
        declared = apps.get_model("evaluation", "ConflictDeclaration").objects.filter(member_id=user.pk)
        return (
            self.filter(round__committee_id__in=seat_committee_ids(user))
            .exclude(enrolment__mentor_id=user.pk)
            .exclude(pk__in=declared.values("entry_id"))
            .exclude(
                models.Q(enrolment__unit__district_id__in=own)
                & ~models.Q(round__committee__level=EvaluationLevel.DISTRICT)
            )
        )

    def scorable_for_seat(self, seat):
        """scorable_by for a seat, whether or not its person has an account (the paper sheet, the one-time
        link): the units of the seat's committee's rounds minus the conflicts computed from data (own district
        from the zone level up, the units the person mentors) and those they declared."""
        if seat.removed_at is not None:
            return self.none()
        declared = apps.get_model("evaluation", "ConflictDeclaration").objects.filter(seat_id=seat.pk)
        qs = self.filter(round__committee_id=seat.committee_id).exclude(pk__in=declared.values("entry_id"))
        user_id = seat.person.user_id
        if user_id:
            qs = qs.exclude(enrolment__mentor_id=user_id)
        own = seat_district_ids(seat)
        if own:
            qs = qs.exclude(
                models.Q(enrolment__unit__district_id__in=own)
                & ~models.Q(round__committee__level=EvaluationLevel.DISTRICT)
            )
        return qs


class ScorecardQuerySet(models.QuerySet):
    def visible_to(self, user):
        """One's own scorecards; others' only once submitted, and only to those who submitted their own for
        the same unit (members do not see each other's scores before), or to province staff and viewers — except
        that anyone who may score the unit themself (a chair or secretary who is also staff included) sees no
        other scorecard of it before submitting their own (DESIGN §8)."""
        from .enums import ScorecardStatus

        scope = user.scope
        submitted = models.Q(status=ScorecardStatus.SUBMITTED)
        own_done = self.model.objects.filter(member_id=user.pk, status=ScorecardStatus.SUBMITTED).values(
            "entry_id"
        )
        q = models.Q(member_id=user.pk) | (submitted & models.Q(entry_id__in=own_done))
        if scope.all_provinces:
            q |= submitted
        else:
            q |= submitted & models.Q(entry__round__committee__year__province_id__in=_province_readers(scope))
        still_to_score = (
            apps.get_model("evaluation", "RoundEntry").objects.scorable_by(user).exclude(pk__in=own_done)
        )
        return self.filter(q).exclude(
            models.Q(entry_id__in=still_to_score.values("pk")) & ~models.Q(member_id=user.pk)
        )


class ExemplarQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        readers = _province_readers(scope) | scope.committee_province_ids | scope.subcommittee_province_ids
        return self.filter(
            models.Q(district__province_id__in=readers) | models.Q(district_id__in=scope.district_ids)
        )
