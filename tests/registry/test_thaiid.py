import pytest
from django.core.exceptions import ValidationError

from apps.registry.thaiid import clean_national_id, is_valid, mask

from .conftest import national_id


def test_check_digit_mod11():
    good = national_id("110170020345")
    assert is_valid(good)
    wrong = good[:12] + str((int(good[12]) + 1) % 10)
    assert not is_valid(wrong)
    with pytest.raises(ValidationError, match="เลขตรวจสอบหลักสุดท้ายไม่ตรง"):
        clean_national_id(wrong)
    with pytest.raises(ValidationError, match="13 หลัก"):
        clean_national_id("12345")
    # dashes, spaces and Thai digits are accepted
    dashed = f"{good[0]}-{good[1:5]}-{good[5:10]}-{good[10:12]}-{good[12]}"
    assert clean_national_id(dashed) == good
    assert clean_national_id(good.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))) == good
    assert clean_national_id("") == ""
    assert mask(good).startswith("x-xxxx-xxxxx-") and good[-3:-1] in mask(good)
