"""What a request asks of the database about its user, asked once: the menu, the landing page and the view all
ask whether the user sits on a committee, and permissions are the apps' rules only (no model permissions)."""

import pytest
from django.contrib.auth.models import Permission

from apps.accounts.models import User
from apps.evaluation import rules as ev_rules
from apps.evaluation.enums import CommitteeRole

from .conftest import seat

pytestmark = pytest.mark.django_db


def test_committee_seats_are_read_once_per_user_object(zone_chair, django_assert_num_queries):
    fresh = User.objects.get(pk=zone_chair.pk)  # as a request builds it
    with django_assert_num_queries(1):
        for _ in range(5):
            assert ev_rules.sits_on_a_committee(fresh)
            assert ev_rules.chairs_a_committee(fresh)


def test_a_plain_member_sits_but_does_not_chair(zone_committee, staff):
    user = User.objects.get(pk=seat(zone_committee, CommitteeRole.MEMBER, home="6505", staff=staff).pk)
    assert ev_rules.sits_on_a_committee(user) and not ev_rules.chairs_a_committee(user)


def test_no_seat_no_committee(officer):
    assert not ev_rules.sits_on_a_committee(User.objects.get(pk=officer.pk))


def test_permissions_come_from_the_rules_only(officer, admin_user, django_assert_num_queries):
    """A model permission granted by hand (the admin does not offer it) gives nothing, and a permission the
    rules refuse costs no query once the user's roles are read."""
    officer.user_permissions.add(
        Permission.objects.get(codename="delete_unit", content_type__app_label="registry")
    )
    user = User.objects.get(pk=officer.pk)
    user.scope  # noqa: B018 — read once per request by the middleware and the menu
    with django_assert_num_queries(0):
        assert not user.has_perm("registry.delete_unit")
        assert not user.has_perm("core.view_status")
        assert user.has_perm("core.enter_workspace")
    assert User.objects.get(pk=admin_user.pk).has_perm("core.view_status")


def test_own_districts_are_read_once_per_user_object(zone_local, django_assert_num_queries):
    """The scorecard page asks twice (the entry it shows, the others' scorecards): one query for both."""
    from apps.evaluation.querysets import own_district_ids

    fresh = User.objects.get(pk=zone_local.pk)
    fresh.scope  # noqa: B018 — read by the middleware before the view
    with django_assert_num_queries(1):
        assert own_district_ids(fresh) == {"6501"}
        assert own_district_ids(fresh) == {"6501"}
