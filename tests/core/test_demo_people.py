"""Invented demo people (issue 19, item 6): stable, marked, IDs valid yet from a range never issued."""

from apps.core import demo_people
from apps.core.nationalid import is_valid_digits
from apps.core.privacy import find_private


def test_demo_people_are_stable_marked_and_fake():
    assert demo_people.person(5) == demo_people.person(5)
    names = {demo_people.full_name(n) for n in range(60)}
    assert len(names) > 30 and all(demo_people.is_demo_name(n) for n in names)
    ids = {demo_people.national_id(n) for n in range(1000)}
    assert len(ids) == 1000
    assert all(i.startswith("99999") and is_valid_digits(i) for i in ids)
    # the checker still treats a demo ID and phone as personal data: the demo exercises the real rules
    assert [f.kind for f in find_private(demo_people.national_id(7))] == ["national_id"]
    assert [f.kind for f in find_private(demo_people.phone(7))] == ["phone"]


def test_english_messages(settings):
    from django.utils import translation

    from apps.core.privacy import message

    f = find_private("โทร 0812345678")[0]
    with translation.override("en"):
        assert (
            message(f) == "Found a phone number in the text: “0812345678” Personal data may not be published"
        )
