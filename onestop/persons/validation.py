"""Field rules shared by the staff form, the API and ``import_persons``: one message per rule."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.geo.models import subdistrict_codes
from onestop.thai import ids, names, phones
from onestop.thai.dates import DateParseError, PartialDate, ce_year
from onestop.thai.digits import to_arabic_digits

EARLIEST_BIRTH_YEAR = 1880  # CE; nobody alive was born earlier


def birth_date(text: str, *, today: dt.date | None = None) -> PartialDate | None:
    """'2510', '1967', '2510-03', '03/2510', '2510-03-15', '15/03/2510', '15 มี.ค. 2510'.

    A year of 2400 or more is Buddhist Era (domain.md §4).
    """
    raw = to_arabic_digits((text or "").strip())
    if not raw:
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
            month = int(m[2])
            if not 1 <= month <= 12:
                raise ValidationError(_("That date does not exist."), code="invalid")
            value = PartialDate(ce_year(int(m[1])), month)
        else:
            value = PartialDate.parse(raw)
    except (DateParseError, ValueError) as exc:
        raise ValidationError(
            _("Enter a birth date such as 15/03/2510, 03/2510 or 2510."), code="invalid"
        ) from exc
    today = today or timezone.localdate()
    if value.year < EARLIEST_BIRTH_YEAR:
        raise ValidationError(
            _("A birth year before %(year)s (BE %(be)s) cannot be right.")
            % {"year": EARLIEST_BIRTH_YEAR, "be": EARLIEST_BIRTH_YEAR + 543},
            code="too_old",
        )
    if value.anchor > today:
        raise ValidationError(_("The birth date is in the future."), code="future")
    return value


def national_id(text: str) -> str:
    """The 13 digits (Thai digits and dashes accepted), or a translated error."""
    if not (text or "").strip():
        return ""
    try:
        return ids.validate(text)
    except ids.InvalidNationalId as exc:
        raise ValidationError(str(exc), code="national_id") from exc


def phone(text: str) -> str:
    if not (text or "").strip():
        return ""
    try:
        return phones.normalise(text)
    except phones.InvalidPhone as exc:
        raise ValidationError(str(exc), code="phone") from exc


def subdistrict(code: str) -> str | None:
    value = to_arabic_digits((code or "").strip())
    if not value:
        return None
    if value not in subdistrict_codes():
        raise ValidationError(
            _("There is no sub-district with the code %(code)s.") % {"code": value},
            code="subdistrict",
        )
    return value


def prefix(text: str) -> str:
    value = names.parse_prefix(text)
    if value is None:
        raise ValidationError(
            _(
                "Unknown prefix %(prefix)s: use นาย, นาง, นางสาว (น.ส.), เด็กชาย (ด.ช.) or เด็กหญิง (ด.ญ.)."
            )
            % {"prefix": text},
            code="prefix",
        )
    return value


SEX_CODES = {"M": "M", "F": "F", "X": "X", "": "", "ช": "M", "ญ": "F", "ชาย": "M", "หญิง": "F"}


def sex(text: str) -> str:
    value = SEX_CODES.get((text or "").strip().upper())
    if value is None:
        raise ValidationError(_("Sex is M, F, X or empty."), code="sex")
    return value
