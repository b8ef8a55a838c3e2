"""Template filters loaded everywhere (settings: TEMPLATES builtins)."""

from __future__ import annotations

import datetime as dt

from django import template

from onestop.thai import dates, ids, phones

register = template.Library()


@register.filter
def thdate(value: dt.date | None, style: str = "short") -> str:
    """{{ d|thdate }} → 15 มี.ค. 2568; {{ d|thdate:"long" }} → 15 มีนาคม 2568."""
    return dates.format_date(value, style)


@register.filter
def thmonth(value: dt.date | None) -> str:
    """{{ d|thmonth }} → พฤศจิกายน 2569."""
    return dates.format_month(value.year, value.month) if value else ""


@register.filter
def thdatetime(value: dt.datetime | None, style: str = "long") -> str:
    """{{ dt|thdatetime }} → 15 มีนาคม 2568 10:20 น."""
    return dates.format_datetime(value, style)


@register.filter
def national_id(value: str) -> str:
    return ids.format_id(value or "")


@register.filter
def national_id_masked(value: str) -> str:
    return ids.mask(value or "")


@register.filter
def phone(value: str) -> str:
    return phones.display(value or "")


@register.filter
def role_name(code: str) -> str:
    from onestop.accounts.capabilities import role_label

    return role_label(code)


@register.filter
def get_item(mapping: dict[str, object] | None, key: str) -> object:
    """{{ scores|get_item:code }}: a dict's value by a key held in a variable."""
    return (mapping or {}).get(key, "")
