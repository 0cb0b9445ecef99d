"""Permission predicates. Objects expose `scope_province_id` (and `scope_district_id` where they belong
to a district); visibility itself is decided by each model's `visible_to(user)` queryset."""

import rules


def _province(obj):
    return getattr(obj, "scope_province_id", None)


def _district(obj):
    return getattr(obj, "scope_district_id", None)


@rules.predicate
def is_admin(user):
    return user.is_authenticated and user.scope.is_admin


@rules.predicate
def is_province_staff(user):
    return user.is_authenticated and bool(user.scope.staff_province_ids)


@rules.predicate
def is_district_officer(user):
    return user.is_authenticated and bool(user.scope.district_ids)


@rules.predicate
def is_national_viewer(user):
    return user.is_authenticated and user.scope.is_national


@rules.predicate
def is_national_staff(user):
    return user.is_authenticated and user.scope.is_national_staff


@rules.predicate
def is_evaluator(user):
    s = user.scope
    return user.is_authenticated and bool(
        s.zone_ids or s.subcommittee_province_ids or s.committee_province_ids or s.district_committee_ids
    )


@rules.predicate
def is_staff_user(user):
    """Anyone with a role: may enter /app/."""
    return user.is_authenticated and (user.scope.is_admin or bool(user.scope.roles))


@rules.predicate
def manages_province_of(user, obj):
    return obj is not None and user.scope.manages_province(_province(obj))


@rules.predicate
def works_in_district_of(user, obj):
    return obj is not None and _district(obj) is not None and user.scope.works_in_district(_district(obj))


@rules.predicate
def works_in_home_district_of(user, person):
    """A person record whose home district is one the user works in (district officers keep their people)."""
    home = getattr(person, "home_district_id", None)
    return home is not None and user.scope.works_in_district(home)


can_manage_province = is_admin | manages_province_of
can_edit_district_work = is_admin | manages_province_of | works_in_district_of

# The system admin's status page and metrics (apps.core.views_status, apps.core.metrics).
rules.add_perm("core.view_status", is_admin)
rules.add_perm("accounts.manage_people", is_admin | is_province_staff)
rules.add_perm("accounts.manage_person", can_manage_province)
# The people the office works with (committee members with or without an account, apps.accounts.Person):
# organisers read the people of their provinces (Person.visible_to); province staff edit them, and a district
# officer edits the people whose home district is theirs — but not the home district itself, since it decides
# the conflicts of interest computed from data (a person scores no unit of it from the zone level up).
rules.add_perm(
    "accounts.view_person_records", is_admin | is_province_staff | is_district_officer | is_national_viewer
)
rules.add_perm("accounts.edit_person_record", can_manage_province | works_in_home_district_of)
rules.add_perm("accounts.move_person_home", can_manage_province)

# The door of the staff workspace (apps.core.access.staff_view asks for it).
rules.add_perm("core.enter_workspace", is_staff_user)
