from __future__ import annotations

import pytest

from onestop.thai import phones


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("081-234-5678", "+66812345678"),
        ("0812345678", "+66812345678"),
        ("+66 81 234 5678", "+66812345678"),
        ("๐๘๑๒๓๔๕๖๗๘", "+66812345678"),
        ("02 123 4567", "+6621234567"),
        ("1300", "1300"),
    ],
)
def test_it_normalises_thai_numbers(raw: str, e164: str) -> None:
    assert phones.normalise(raw) == e164


@pytest.mark.parametrize("raw", ["12345", "08123", "abc", ""])
def test_it_rejects_what_is_not_a_phone(raw: str) -> None:
    with pytest.raises(phones.InvalidPhone):
        phones.normalise(raw)


def test_it_displays_in_national_format() -> None:
    assert phones.display("+66812345678") == "081 234 5678"
    assert phones.display("1300") == "1300"


def test_it_tells_mobiles_from_landlines() -> None:
    assert phones.is_mobile("+66812345678")
    assert not phones.is_mobile("+6621234567")
