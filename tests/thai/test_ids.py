from __future__ import annotations

import pytest
from django.utils import translation

from onestop.thai import ids


def _with_check(first12: str) -> str:
    return first12 + str(ids.check_digit(first12))


def test_it_accepts_a_known_valid_id() -> None:
    value = _with_check("110140000123")
    assert ids.validate(value) == value


def test_it_computes_the_check_digit_by_the_rule() -> None:
    # 3-1005-01234-56-?: Σ d(i)*(13-i) = 3*13+1*12+0+0+5*9+0+1*7+2*6+3*5+4*4+5*3+6*2 = 173
    # 173 mod 11 = 8; (11 - 8) mod 10 = 3
    assert ids.check_digit("310050123456") == 3
    assert ids.is_valid("3100501234563")
    assert not ids.is_valid("3100501234564")


def test_it_accepts_type_zero_ids_that_stdnum_rejects() -> None:
    value = _with_check("000123456789")
    assert ids.validate(value) == value
    assert ids.person_type(value) == "0"


@pytest.mark.parametrize("person_type", list("012345678"))
def test_it_accepts_every_person_type(person_type: str) -> None:
    assert ids.is_valid(_with_check(person_type + "12345678901"))


def test_it_rejects_type_nine() -> None:
    with translation.override("en"):
        with pytest.raises(ids.InvalidNationalId) as exc:
            ids.validate(_with_check("912345678901"))
        assert "0 to 8" in str(exc.value)


def test_it_accepts_thai_digits_and_separators() -> None:
    assert ids.validate("๓-๑๐๐๕-๐๑๒๓๔-๕๖-๓") == "3100501234563"
    assert ids.validate("3 1005 01234 56 3") == "3100501234563"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("310050123456", "13 digits"),
        ("31005012345633", "13 digits"),
        ("31005O1234563", "digits only"),
        ("3100501234564", "check digit"),
        ("", "13 digits"),
    ],
)
def test_it_explains_what_is_wrong(value: str, reason: str) -> None:
    with translation.override("en"):
        with pytest.raises(ids.InvalidNationalId) as exc:
            ids.validate(value)
        assert reason in str(exc.value)


def test_it_formats_like_the_card() -> None:
    assert ids.format_id("3100501234563") == "3-1005-01234-56-3"


def test_it_masks_all_but_the_last_four_digits() -> None:
    assert ids.mask("3100501234563") == "•-••••-••••4-56-3"
    assert "31005" not in ids.mask("3100501234563")


def test_it_explains_in_thai_by_default() -> None:
    with translation.override("th"):
        with pytest.raises(ids.InvalidNationalId) as exc:
            ids.validate("123")
        assert str(exc.value) == "เลขประจำตัวประชาชนต้องมี 13 หลัก"
