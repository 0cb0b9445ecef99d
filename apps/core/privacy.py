"""One checker for every text the public site may publish (issue 19, DESIGN §8 "Personal data").

`find_private(text, allowed_names)` returns the findings — a kind and the offending part quoted as typed — of:

* ``national_id``: 13 digits with a valid mod-11 check digit, in any grouping (dashes, spaces, dots, a line
  break), Thai or Arabic digits, with zero-width characters or soft hyphens slipped in; a 13-digit product code
  with a wrong check digit is not an ID;
* ``phone``: Thai mobiles (06/08/09 + 8 digits, +66 forms) and landlines (0 + area code 2/3x/4x/5x/7x, nine
  digits in all), in any grouping;
* ``email``;
* ``address``: a house number ("บ้านเลขที่ 12/3", "เลขที่ 45/6 หมู่ 7", "12 ม.7", "99/1 ซอย …") — a village
  number alone ("หมู่ที่ 7 บ้าน…") is public geography, not an address;
* ``bank_account``: 10–12 digits near บัญชี/ธนาคาร, or the XXX-X-XXXXX-X pattern;
* ``person_name``: a name after a title (นาย, นาง, นางสาว, น.ส., ด.ช., ด.ญ., เด็กชาย, เด็กหญิง), unless it is one
  of ``allowed_names`` — the names the page may show anyway (DESIGN §2: the unit's public name and, for a
  leader, the leader's name). Role words after a title (นายอำเภอ, นายก…, นางพยาบาล…) are not names.

Pure: no model, no other app. Services gate with `validate_publishable`; public pages filter with
`is_publishable`. How to extend it: docs/privacy.md.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .nationalid import ascii_digits, is_valid_digits

KINDS = {
    "national_id": gettext_lazy("เลขประจำตัวประชาชน"),
    "phone": gettext_lazy("หมายเลขโทรศัพท์"),
    "email": gettext_lazy("อีเมล"),
    "address": gettext_lazy("ที่อยู่บ้านเลขที่"),
    "bank_account": gettext_lazy("เลขบัญชีธนาคาร"),
    "person_name": gettext_lazy("ชื่อบุคคล"),
}

# Characters that hide inside a number without showing: zero-width space/non-joiner/joiner, BOM, word joiner,
# soft hyphen.
INVISIBLE = frozenset("\u200b\u200c\u200d\ufeff\u2060\u00ad")
THAI_LETTER = "\u0e01-\u0e4e"
_NAME_START = "\u0e01-\u0e2e\u0e40-\u0e44"  # a consonant or a leading vowel (เ แ โ ใ ไ)

# Digit groups joined by at most three separators: "081-234-5678", "1 2345 67890 12 3", "081 234\n5678".
_RUN = re.compile(r"\d+(?:[ \t\r\n\-.\u2010\u2011\u2013]{1,3}\d+)*")
_GROUP = re.compile(r"\d+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_MOO = r"(?:หมู่ที่|หมู่|ม\.)"
_HOUSE = r"(?:\d{1,4}/\d{1,4}|\d{1,3})"
_ADDRESS = re.compile(
    rf"บ้านเลขที่\s*\d+(?:/\d+)?(?:\s*{_MOO}\s*\d+)?"
    rf"|เลขที่\s*(?:\d+/\d+|\d+(?=\s*{_MOO}\s*\d))(?:\s*{_MOO}\s*\d+)?"
    rf"|(?<![\d/])\d{{1,4}}/\d{{1,4}}\s*(?:ซอย|ซ\.|ถนน|ถ\.)"
    rf"|(?<![\d/.,]){_HOUSE}\s*{_MOO}\s*\d+"
)
_BANK_WORDS = re.compile(r"บัญชี|ธนาคาร|ธ\.ก\.ส|บช\.|account", re.IGNORECASE)
_TITLE = re.compile(r"เด็กหญิง|เด็กชาย|นางสาว|ด\.\s?ญ\.|ด\.\s?ช\.|น\.\s?ส\.|นาง|นาย")
_NAME = re.compile(rf"[ \t]?([{_NAME_START}][{THAI_LETTER}]+)(?:[ \t]+([{_NAME_START}][{THAI_LETTER}]+))?")
# Words that make a title a role or a common noun (นายอำเภอ, นายกเทศมนตรี, นางพยาบาล): a first word that starts
# with one of ROLE_PREFIXES, or is exactly one of ROLE_WORDS (names like พันธ์ศักดิ์, เอกชัย, รำไพ stay names).
ROLE_PREFIXES = (
    "อำเภอ", "กเทศมนตรี", "กองค์การ", "กอบต", "กอบจ", "กรัฐมนตรี", "กสมาคม", "ทะเบียน", "ทหาร", "ตำรวจ",
    "ประกัน", "ห้าง", "แพทย์", "สัตวแพทย์", "ผู้ใหญ่บ้าน", "ผู้ช่วย", "กำนัน", "เกษตร", "พยาบาล", "ข้าหลวง",
    "สนม", "กวัก", "ประธาน", "จ้าง", "ช่าง", "หน้า", "ด่าน", "สถานี",
)  # fmt: skip
ROLE_WORDS = frozenset(
    ("ก", "ทุน", "ท่า", "ร้อย", "สิบ", "พล", "พัน", "เวร", "งาน", "ตรวจ", "งาม", "รำ", "แบบ", "ใน", "เอก", "ไทย",
     "รอง", "ฟ้า", "บ้าน")
)  # fmt: skip
# Thai runs words together: a title right after one of these words still starts a name ("โดยนายสมชาย").
CONNECTORS = (
    "โดย", "และ", "กับ", "ของ", "คือ", "ได้แก่", "จาก", "ให้", "ชื่อ", "ประธาน", "เลขานุการ", "กรรมการ",
    "ผู้ประสานงาน", "ติดต่อ", "เหรัญญิก", "ผู้นำ", "นำโดย", "ลูก", "บุตร", "ภรรยา", "สามี",
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind (a key of KINDS) and the text as it was typed."""

    kind: str
    text: str

    @property
    def label(self):
        return KINDS[self.kind]


def _normalise(text):
    """Invisible characters dropped, every decimal digit as ASCII; with each kept character's index in `text`."""
    chars, index = [], []
    for i, ch in enumerate(text):
        if ch in INVISIBLE:
            continue
        chars.append(ascii_digits(ch))
        index.append(i)
    return "".join(chars), index


_NUMBER_VALUE = re.compile(r"^[\d\s\-.]+$")


def _name_pattern(name):
    """A name as a pattern that forgives spacing: "นายบุญมี ทองดี" also matches "นาย บุญมี  ทองดี". A number
    (a phone the person consented to publish) forgives any grouping: "081-234-5678" matches "0812345678"."""
    value = ascii_digits((name or "").strip())
    if _NUMBER_VALUE.match(value) and sum(ch.isdigit() for ch in value) >= 9:
        # whole numbers only: a consented phone never masks part of a longer number (an ID around it)
        return r"(?<!\d)" + r"[\s\-.]*".join(ch for ch in value if ch.isdigit()) + r"(?!\d)"
    words = [w for w in re.split(r"\s+", (name or "").strip()) if w]
    if not words or len("".join(words)) < 2:
        return None
    title = _TITLE.match(words[0])
    if title and title.end() < len(words[0]):
        words[:1] = [words[0][: title.end()], words[0][title.end() :]]
    return r"\s*".join(map(re.escape, words))


def _mask_allowed(s, allowed_names):
    """Blank out the names the page may show (longest first), keeping every index in place."""
    patterns = [p for p in map(_name_pattern, sorted(set(allowed_names or ()), key=len, reverse=True)) if p]
    for pattern in patterns:
        s = re.sub(pattern, lambda m: "#" * len(m.group(0)), s)
    return s


def _phone_kind(d):
    if len(d) == 10 and d[:2] in ("06", "08", "09"):
        return "phone"
    if len(d) == 11 and d[:3] in ("666", "668", "669"):
        return "phone"
    if len(d) == 9 and d[0] == "0" and d[1] in "234567":
        return "phone"
    if len(d) == 10 and d[:2] == "66" and d[2] in "234567":
        return "phone"
    return None


def _number_kind(groups, s, start):
    """What a span of digit groups is: national_id > bank_account > phone, or None."""
    d = "".join(g.group(0) for g in groups)
    if is_valid_digits(d):
        return "national_id"
    lengths = [len(g.group(0)) for g in groups]
    dashed = all(s[a.end() : b.start()] == "-" for a, b in zip(groups, groups[1:], strict=False))
    if (lengths == [3, 1, 5, 1] and dashed) or (
        10 <= len(d) <= 12 and _BANK_WORDS.search(s[max(0, start - 40) : start])
    ):
        return "bank_account"
    return _phone_kind(d)


def _numbers(s):
    """(kind, start, end) of IDs, bank accounts and phones: every span of whole digit groups in a run."""
    out = []
    for run in _RUN.finditer(s):
        groups = list(_GROUP.finditer(s, run.start(), run.end()))
        i = 0
        while i < len(groups):
            best = None
            for j in range(i, len(groups)):
                if sum(len(g.group(0)) for g in groups[i : j + 1]) > 13:
                    break
                kind = _number_kind(groups[i : j + 1], s, groups[i].start())
                rank = {"national_id": 3, "bank_account": 2, "phone": 1}.get(kind, 0)
                if rank and (best is None or rank > best[0]):
                    best = (rank, kind, j)
            if best is None:
                i += 1
                continue
            _rank, kind, j = best
            start = groups[i].start()
            start -= 1 if start and s[start - 1] == "+" else 0
            out.append((kind, start, groups[j].end()))
            i = j + 1
    return out


def _starts_a_name(s, pos):
    if pos == 0 or not re.match(f"[{THAI_LETTER}]", s[pos - 1]):
        return True
    return s[:pos].endswith(CONNECTORS)


def _names(s):
    out = []
    for t in _TITLE.finditer(s):
        if not _starts_a_name(s, t.start()):
            continue
        m = _NAME.match(s, t.end())
        if not m or m.group(1).startswith(ROLE_PREFIXES) or m.group(1) in ROLE_WORDS:
            continue
        out.append(("person_name", t.start(), m.end()))
    return out


def _quote(text, index, start, end):
    """The offending part as typed, invisible characters dropped and line breaks read as spaces."""
    raw = text[index[start] : index[end - 1] + 1]
    return re.sub(r"\s+", " ", "".join(ch for ch in raw if ch not in INVISIBLE)).strip()


def find_private(text, allowed_names=()):
    """The personal data in `text`, in reading order, each (kind, quote) once."""
    if not text:
        return []
    s, index = _normalise(str(text))
    s = _mask_allowed(s, allowed_names)
    spans = _numbers(s)
    spans += [("email", m.start(), m.end()) for m in _EMAIL.finditer(s)]
    spans += [("address", m.start(), m.end()) for m in _ADDRESS.finditer(s)]
    spans += _names(s)
    seen, out = set(), []
    for kind, start, end in sorted(spans, key=lambda k: k[1]):
        f = Finding(kind, _quote(str(text), index, start, end))
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


def is_publishable(text, allowed_names=()):
    return not find_private(text, allowed_names)


def message(finding, field=None):
    """The Thai message for one finding, quoting the offending part."""
    values = {"what": finding.label, "quote": finding.text, "field": field}
    if field:
        return _("พบ%(what)sใน%(field)s: “%(quote)s” ข้อมูลส่วนบุคคลเผยแพร่ไม่ได้") % values
    return _("พบ%(what)sในข้อความ: “%(quote)s” ข้อมูลส่วนบุคคลเผยแพร่ไม่ได้") % values


def problems(texts, allowed_names=()):
    """Messages for every finding in `texts`: pairs of (field label or None, text)."""
    return [message(f, field) for field, text in texts for f in find_private(text, allowed_names)]


def validate_publishable(texts, allowed_names=()):
    """Raise one ValidationError with a message per finding; the caller's draft is untouched."""
    found = problems(texts, allowed_names)
    if found:
        raise ValidationError(found, code="personal_data")
