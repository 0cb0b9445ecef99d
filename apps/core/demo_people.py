"""Invented people for every app's demo data (issue 19, item 6): the demo must name no real person.

A demo name is a common given name and a surname made up for the demo that ends in "สาธิต" (demonstration), so
no combination is anyone's name and every one is recognisable as demo data. A demo national ID has a valid check
digit (so imports, masking and duplicate checks behave as with real data) but starts with 9-99-99: category 9
is not issued and province 99 does not exist. A demo phone is 080-000-0xxx. The crawl test of the seeded public
site (tests/public/test_demo_crawl.py) and tests/core/test_demo_people.py hold these rules."""

from .nationalid import check_digit

DEMO_MARK = "สาธิต"
DEMO_ID_PREFIX = "99999"
DEMO_PHONE_PREFIX = "0800000"

_GIVEN = {
    "นาย": ["สมชาย", "บุญมี", "ประยูร", "สมบัติ", "อุดม", "ไพโรจน์", "ประเสริฐ", "สุรชัย", "ชาตรี", "วีระ", "ธนพล"],
    "นาง": ["สมพร", "จำเนียร", "ละเอียด", "วิไลวรรณ", "อรุณี", "ปราณี", "บุญศรี", "สมศรี"],
    "นางสาว": ["พรทิพย์", "กาญจนา", "จันทร์เพ็ญ", "รัตนา", "กนกวรรณ", "ผุสดี"],
}
_STEMS = ["ทอง", "แก้ว", "ศรี", "ใจ", "บุญ", "มั่น", "สุข", "คำ", "พร", "เพชร", "วงศ์", "จันทร์", "ดี"]
_TITLES = ["นาย", "นาง", "นาย", "นางสาว"]


def person(n, title=None):
    """(title, first name, surname) of demo person number `n`: always the same for the same n."""
    title = title or _TITLES[n % len(_TITLES)]
    given = _GIVEN[title]
    first = given[(n // len(_TITLES)) % len(given)]
    last = _STEMS[n % len(_STEMS)] + DEMO_MARK
    return title, first, last


def full_name(n, title=None):
    """ "นายสมชาย ทองสาธิต": title and first name joined, as Thai writes it."""
    t, first, last = person(n, title)
    return f"{t}{first} {last}"


def national_id(n):
    """A demo national ID: 9-9999-nnnnn-nn-c, valid check digit, from a range never issued."""
    first12 = f"{DEMO_ID_PREFIX}{n % 10**7:07d}"
    return first12 + str(check_digit(first12))


def phone(n):
    return f"{DEMO_PHONE_PREFIX}{n % 1000:03d}"


def is_demo_name(text):
    """True when every word after a title in `text` ends with the demo mark (the surname rule above)."""
    words = (text or "").split()
    return len(words) >= 2 and words[-1].endswith(DEMO_MARK)
