"""Thai phone numbers: mobiles (10 digits), landlines (9 digits) and 1xxx hotlines."""

from __future__ import annotations

import re

import phonenumbers
from django.utils.translation import gettext_lazy as _

from onestop.thai.digits import to_arabic_digits

_HOTLINE = re.compile(r"^1\d{3}$")


class InvalidPhone(ValueError):
    pass


def normalise(value: str) -> str:
    """Return E.164 (+66812345678) for a Thai or international number, or the 4-digit hotline.

    Raises InvalidPhone with a translated reason.
    """
    raw = to_arabic_digits((value or "").strip())
    compact = re.sub(r"[\s\-().]", "", raw)
    if _HOTLINE.match(compact):
        return compact
    try:
        number = phonenumbers.parse(compact, "TH")
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(_("Enter a phone number such as 081 234 5678.")) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(_("Enter a phone number such as 081 234 5678."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display(e164: str) -> str:
    """National format for Thai numbers (081 234 5678), international otherwise."""
    if not e164 or _HOTLINE.match(e164):
        return e164
    try:
        number = phonenumbers.parse(e164, "TH")
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 66:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def is_mobile(e164: str) -> bool:
    try:
        number = phonenumbers.parse(e164, "TH")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
