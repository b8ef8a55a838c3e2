"""Readable numbers CENTER-YYMM-NNNNN (BE year and month), for help requests and cases."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils import timezone

from onestop.thai.dates import be_year

if TYPE_CHECKING:
    from onestop.centers.models import Center


def bump(counter: type[Any], **keys: Any) -> int:
    """Add one to ``counter``'s row for ``keys`` (created on first use) and return the new
    value. One statement in the common case: the row lock serialises concurrent numbering.
    (UPDATE ... RETURNING runs on PostgreSQL and on SQLite 3.35+.)"""
    table = counter._meta.db_table
    where = " AND ".join(f"{counter._meta.get_field(k).column} = %s" for k in keys)
    sql = f"UPDATE {table} SET value = value + 1 WHERE {where} RETURNING value"  # noqa: S608 - names from the model, values bound
    with connection.cursor() as cursor:
        cursor.execute(sql, list(keys.values()))
        row = cursor.fetchone()
        if row is None:
            counter.objects.get_or_create(**keys)
            cursor.execute(sql, list(keys.values()))
            row = cursor.fetchone()
    return int(row[0])


def next_number(counter: type[Any], center: Center, at: dt.datetime) -> str:
    """CENTER-YYMM-NNNNN from ``counter`` (a model with center, period and value, unique on
    center and period): readable on the phone, unique, sortable."""
    local = timezone.localtime(at)
    period = f"{be_year(local.year) % 100:02d}{local.month:02d}"
    return f"{center.code.upper()}-{period}-{bump(counter, center_id=center.pk, period=period):05d}"
