"""Buddhist Era dates, partial dates, Thai age counting and the Thai fiscal year.

Store the Common Era; show the Buddhist Era (BE = CE + 543). Django's own ``th`` locale prints the
Gregorian year, so every date shown to a person goes through ``format_date``/``format_datetime``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from onestop.thai.digits import to_arabic_digits

BE_OFFSET = 543
# A year at or above this is read as Buddhist Era (2400 BE = 1857 CE; nobody alive was born then).
BE_THRESHOLD = 2400

TH_MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]  # fmt: skip
TH_MONTHS_ABBR = [
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
]  # fmt: skip
EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
EN_MONTHS_ABBR = [m[:3] for m in EN_MONTHS]


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(year: int) -> int:
    """Accept a BE or a CE year and return the CE year."""
    return year - BE_OFFSET if year >= BE_THRESHOLD else year


def _thai(lang: str | None) -> bool:
    return (lang or get_language() or "th").startswith("th")


def format_date(value: dt.date | None, style: str = "short", lang: str | None = None) -> str:
    """'15 มี.ค. 2568' (short) or '15 มีนาคม 2568' (long); English keeps the BE year."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if _thai(lang):
        months = TH_MONTHS_ABBR if style == "short" else TH_MONTHS
        return f"{value.day} {months[value.month - 1]} {be_year(value.year)}"
    months = EN_MONTHS_ABBR if style == "short" else EN_MONTHS
    return f"{value.day} {months[value.month - 1]} {be_year(value.year)} BE"


def format_datetime(value: dt.datetime | None, style: str = "long", lang: str | None = None) -> str:
    """'15 มีนาคม 2568 10:20 น.' in local time."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    day = format_date(local.date(), style, lang)
    if _thai(lang):
        return f"{day} {local:%H:%M} น."
    return f"{day} {local:%H:%M}"


def format_month(year: int, month: int, lang: str | None = None) -> str:
    if _thai(lang):
        return f"{TH_MONTHS[month - 1]} {be_year(year)}"
    return f"{EN_MONTHS[month - 1]} {be_year(year)} BE"


class DateParseError(ValueError):
    pass


_MONTH_WORDS: dict[str, int] = {}
for _i, (_full, _abbr) in enumerate(zip(TH_MONTHS, TH_MONTHS_ABBR, strict=True), start=1):
    _MONTH_WORDS[_full] = _i
    _MONTH_WORDS[_abbr] = _i
    _MONTH_WORDS[_abbr.replace(".", "")] = _i
for _i, _name in enumerate(EN_MONTHS, start=1):
    _MONTH_WORDS[_name.lower()] = _i
    _MONTH_WORDS[_name[:3].lower()] = _i

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([^\d\s]+)\s+(?:พ\.ศ\.\s*|ค\.ศ\.\s*)?(\d{4})$")


def parse_date(text: str) -> dt.date:
    """Parse '15/03/2568', '2025-03-15', '15 มี.ค. 2568' or '15 March 2025'.

    A year of 2400 or more is Buddhist Era. Day first, as Thai forms write it.
    """
    raw = to_arabic_digits((text or "").strip()).lower()
    year = month = day = 0
    if m := _ISO.match(raw):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DMY.match(raw):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif (m := _WORDS.match(raw)) and m[2] in _MONTH_WORDS:
        day, month, year = int(m[1]), _MONTH_WORDS[m[2]], int(m[3])
    else:
        raise DateParseError(_("Enter a date such as 15/03/2568."))
    try:
        return dt.date(ce_year(year), month, day)
    except ValueError as exc:
        raise DateParseError(_("That date does not exist.")) from exc


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class PartialDate:
    """A birth date known to the day, the month or only the year.

    Many clients know only a year of birth. ``anchor`` is the date the Civil Code counts from.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        dt.date(self.year, self.month or 1, self.day or 1)  # raises on impossible dates

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def anchor(self) -> dt.date:
        """Civil and Commercial Code s.16: a known month without a day counts from the 1st of
        that month; an unknown month counts from the first day of the calendar year."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def age_on(self, on: dt.date) -> int:
        return thai_age(self.anchor, on)

    def format(self, lang: str | None = None) -> str:
        if self.precision is Precision.DAY:
            return format_date(self.anchor, "long", lang)
        if self.precision is Precision.MONTH:
            assert self.month is not None
            return format_month(self.year, self.month, lang)
        return str(be_year(self.year)) if _thai(lang) else f"{be_year(self.year)} BE"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """'2510' (year), '03/2510' or 'มี.ค. 2510' (month), or any full date."""
        raw = to_arabic_digits((text or "").strip()).lower()
        if re.fullmatch(r"\d{4}", raw):
            return cls(ce_year(int(raw)))
        if m := re.fullmatch(r"(\d{1,2})[/.\-](\d{4})", raw):
            month = int(m[1])
            if not 1 <= month <= 12:
                raise DateParseError(_("That date does not exist."))
            return cls(ce_year(int(m[2])), month)
        if (m := re.fullmatch(r"([^\d\s]+)\s+(\d{4})", raw)) and m[1] in _MONTH_WORDS:
            return cls(ce_year(int(m[2])), _MONTH_WORDS[m[1]])
        d = parse_date(text)
        return cls(d.year, d.month, d.day)


def thai_age(birth: dt.date, on: dt.date) -> int:
    """Age in completed years, counted the Thai way (Civil and Commercial Code s.16).

    The period starts on the day of birth itself, so a person completes N years at the end of
    the day before the Nth anniversary: someone born 2 Sep 2506 BE is 60 on 1 Sep 2566 BE.
    That is why the old-age allowance cut-off reads "born before 2 September".
    """
    counted = on + dt.timedelta(days=1)
    years = counted.year - birth.year
    # 29 Feb births: the anniversary in a common year is 1 March, so the day before is 28 Feb.
    if (counted.month, counted.day) < (birth.month, birth.day):
        years -= 1
    return max(years, 0)


def fiscal_year(value: dt.date) -> int:
    """The Thai government fiscal year (1 Oct - 30 Sep), named by its BE end year."""
    return be_year(value.year + 1 if value.month >= 10 else value.year)


def fiscal_year_bounds(fy_be: int) -> tuple[dt.date, dt.date]:
    end_ce = fy_be - BE_OFFSET
    return dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30)
