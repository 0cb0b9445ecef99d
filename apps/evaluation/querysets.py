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
    return _member_model().objects.filter(user_id=user.pk).values("committee_id")


def own_district_ids(user):
    """Districts a person belongs to: their district roles and the home district of any committee seat."""
    scope = user.scope
    homes = set(
        _member_model()
        .objects.filter(user_id=user.pk, home_district__isnull=False)
        .values_list("home_district_id", flat=True)
    )
    return scope.district_ids | scope.district_committee_ids | homes


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


class ScorecardQuerySet(models.QuerySet):
    def visible_to(self, user):
        """One's own scorecards; others' only once submitted, and only to those who submitted their own for
        the same unit (members do not see each other's scores before), or to province staff and viewers."""
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
        return self.filter(q)


class ExemplarQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        readers = _province_readers(scope) | scope.committee_province_ids | scope.subcommittee_province_ids
        return self.filter(
            models.Q(district__province_id__in=readers) | models.Q(district_id__in=scope.district_ids)
        )
