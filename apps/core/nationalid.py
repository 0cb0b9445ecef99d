"""The pure arithmetic of a Thai national ID (เลขประจำตัวประชาชน): 13 digits, the last a mod-11 check digit.

It lives in core, with no Django import, because two floors need it: the registry validates the IDs it stores
(`apps.registry.thaiid`) and the privacy checker (`apps.core.privacy`) looks for IDs in texts about to be
published; core may not import the registry."""

import unicodedata


def ascii_digits(value):
    """Any Unicode decimal digit (Thai ๐-๙, full-width …) read as its Arabic digit; other characters kept."""
    out = []
    for ch in str(value or ""):
        d = unicodedata.decimal(ch, None) if not ch.isascii() else None
        out.append(str(d) if d is not None else ch)
    return "".join(out)


def check_digit(first12):
    """digit[12] = (11 - Σ digit[i]·(13-i) mod 11) mod 10, over the first twelve digits."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def is_valid_digits(digits):
    """13 ASCII digits, not starting with 0, with a correct check digit (a product code usually fails)."""
    return (
        len(digits) == 13
        and digits.isascii()
        and digits.isdigit()
        and digits[0] != "0"
        and check_digit(digits[:12]) == int(digits[12])
    )
