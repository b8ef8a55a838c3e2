"""Thai 13-digit national identification numbers (เลขประจำตัวประชาชน).

python-stdnum's th.pin rejects a leading 0, but people without registration status and many
migrants carry exactly those IDs (type 0), so the check is written here from the rule:
check digit = (11 - sum(d[i] * (13 - i) for i in 0..11) mod 11) mod 10.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from onestop.thai.digits import to_arabic_digits

PERSON_TYPES = {
    "0": _("No registration status or migrant (type 0)"),
    "1": _("Thai, birth registered on time (type 1)"),
    "2": _("Thai, birth registered late (type 2)"),
    "3": _("Thai, in a house registration before 1984 (type 3)"),
    "4": _("Thai, moved in before 1984 without an ID (type 4)"),
    "5": _("Thai, added to a registration by a later check (type 5)"),
    "6": _("Alien with temporary stay, or illegal entrant (type 6)"),
    "7": _("Child of a type 6 alien, born in Thailand (type 7)"),
    "8": _("Naturalised Thai or alien with permanent residence (type 8)"),
}

_SEPARATORS = re.compile(r"[\s\-.]")


class InvalidNationalId(ValueError):
    """Raised with a translated, user-facing reason."""


def compact(value: str) -> str:
    """Strip separators and turn Thai digits into Arabic digits."""
    return _SEPARATORS.sub("", to_arabic_digits(value or ""))


def check_digit(first12: str) -> int:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def validate(value: str) -> str:
    """Return the 13 digits, or raise InvalidNationalId with the reason."""
    digits = compact(value)
    if not digits:
        raise InvalidNationalId(_("A national ID has 13 digits."))
    if not digits.isdigit() or not digits.isascii():
        raise InvalidNationalId(_("A national ID has digits only."))
    if len(digits) != 13:
        raise InvalidNationalId(_("A national ID has 13 digits."))
    if digits[0] not in PERSON_TYPES:
        raise InvalidNationalId(_("The first digit of a national ID is the person type, 0 to 8."))
    if check_digit(digits[:12]) != int(digits[12]):
        raise InvalidNationalId(_("The check digit does not match: please check each digit."))
    return digits


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidNationalId:
        return False
    return True


def person_type(value: str) -> str:
    return validate(value)[0]


def format_id(value: str) -> str:
    """N-NNNN-NNNNN-NN-N, the way the ID card prints it."""
    d = compact(value)
    if len(d) != 13:
        return value
    return f"{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}"


def mask(value: str) -> str:
    """For lists: only the last four digits show, enough to tell two people apart."""
    d = compact(value)
    if len(d) != 13:
        return "•" * len(d)
    hidden = "•" * 9 + d[9:]
    return format_id(hidden)
