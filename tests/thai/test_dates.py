from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from onestop.thai import dates


def test_it_formats_short_and_long_buddhist_era_dates() -> None:
    d = dt.date(2025, 3, 15)
    assert dates.format_date(d, "short", "th") == "15 มี.ค. 2568"
    assert dates.format_date(d, "long", "th") == "15 มีนาคม 2568"


def test_it_keeps_the_buddhist_era_in_english() -> None:
    assert dates.format_date(dt.date(2025, 3, 15), "short", "en") == "15 Mar 2568 BE"


def test_it_formats_datetimes_in_bangkok_time() -> None:
    value = dt.datetime(2025, 3, 15, 3, 20, tzinfo=dt.UTC)  # 10:20 in Bangkok
    assert dates.format_datetime(value, "long", "th") == "15 มีนาคม 2568 10:20 น."


def test_it_follows_the_active_language() -> None:
    with translation.override("th"):
        assert dates.format_date(dt.date(2024, 1, 1)) == "1 ม.ค. 2567"
    with translation.override("en"):
        assert dates.format_date(dt.date(2024, 1, 1)) == "1 Jan 2567 BE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/2568", dt.date(2025, 3, 15)),
        ("15/03/2025", dt.date(2025, 3, 15)),
        ("2025-03-15", dt.date(2025, 3, 15)),
        ("2568-03-15", dt.date(2025, 3, 15)),
        ("15 มี.ค. 2568", dt.date(2025, 3, 15)),
        ("15 มีนาคม พ.ศ. 2568", dt.date(2025, 3, 15)),
        ("๑๕/๐๓/๒๕๖๘", dt.date(2025, 3, 15)),
        ("15 March 2025", dt.date(2025, 3, 15)),
    ],
)
def test_it_parses_be_and_ce_input(text: str, expected: dt.date) -> None:
    assert dates.parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2568", "hello", "", "15/13/2568"])
def test_it_rejects_impossible_dates_with_a_message(text: str) -> None:
    with pytest.raises(dates.DateParseError):
        dates.parse_date(text)


def test_it_counts_age_the_thai_way() -> None:
    # Born 2 Sep 2506 BE: 60 on 1 Sep 2566 BE, the day before the 60th anniversary.
    born = dt.date(1963, 9, 2)
    assert dates.thai_age(born, dt.date(2023, 8, 31)) == 59
    assert dates.thai_age(born, dt.date(2023, 9, 1)) == 60
    assert dates.thai_age(born, dt.date(2023, 9, 2)) == 60


def test_it_counts_a_leap_day_birth() -> None:
    born = dt.date(2000, 2, 29)
    assert dates.thai_age(born, dt.date(2001, 2, 27)) == 0
    assert dates.thai_age(born, dt.date(2001, 2, 28)) == 1


def test_partial_dates_count_from_the_civil_code_anchor() -> None:
    year_only = dates.PartialDate(1960)
    month_only = dates.PartialDate(1960, 6)
    assert year_only.precision is dates.Precision.YEAR
    assert year_only.anchor == dt.date(1960, 1, 1)
    assert month_only.anchor == dt.date(1960, 6, 1)
    # Year only: counted from 1 January, so 60 on 31 Dec 2019.
    assert year_only.age_on(dt.date(2019, 12, 31)) == 60
    assert year_only.age_on(dt.date(2019, 12, 30)) == 59
    assert month_only.age_on(dt.date(2020, 5, 31)) == 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2503", dates.PartialDate(1960)),
        ("06/2503", dates.PartialDate(1960, 6)),
        ("มิ.ย. 2503", dates.PartialDate(1960, 6)),
        ("15/06/2503", dates.PartialDate(1960, 6, 15)),
    ],
)
def test_partial_dates_parse(text: str, expected: dates.PartialDate) -> None:
    assert dates.PartialDate.parse(text) == expected


def test_partial_dates_format_at_their_precision() -> None:
    assert dates.PartialDate(1960).format("th") == "2503"
    assert dates.PartialDate(1960, 6).format("th") == "มิถุนายน 2503"
    assert dates.PartialDate(1960, 6, 15).format("th") == "15 มิถุนายน 2503"


def test_partial_dates_reject_a_day_without_a_month() -> None:
    with pytest.raises(ValueError):
        dates.PartialDate(1960, None, 3)


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (dt.date(2024, 9, 30), 2567),
        (dt.date(2024, 10, 1), 2568),
        (dt.date(2025, 1, 15), 2568),
        (dt.date(2025, 9, 30), 2568),
    ],
)
def test_fiscal_year_runs_october_to_september(day: dt.date, fy: int) -> None:
    assert dates.fiscal_year(day) == fy


def test_fiscal_year_bounds() -> None:
    assert dates.fiscal_year_bounds(2568) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
