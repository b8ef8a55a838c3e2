"""Readable numbers CENTER-YYMM-NNNNN (BE year and month), for help requests and cases."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils import timezone

from onestop.thai.dates import be_year

if TYPE_CHECKING:
    from onestop.centers.models import Center


def next_number(counter: type[Any], center: Center, at: dt.datetime) -> str:
    """Take the next number from ``counter`` (a model with center, period and value, unique on
    center and period): readable on the phone, unique, sortable."""
    local = timezone.localtime(at)
    period = f"{be_year(local.year) % 100:02d}{local.month:02d}"
    # One statement in the common case: the row lock serialises numbering per center and month.
    # (UPDATE ... RETURNING runs on PostgreSQL and on SQLite 3.35+.)
    table = counter._meta.db_table
    sql = (
        f"UPDATE {table} SET value = value + 1 WHERE center_id = %s AND period = %s RETURNING value"  # noqa: S608 - table name from the model, values bound
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [center.pk, period])
        row = cursor.fetchone()
        if row is None:
            counter.objects.get_or_create(center=center, period=period)
            cursor.execute(sql, [center.pk, period])
            row = cursor.fetchone()
    return f"{center.code.upper()}-{period}-{row[0]:05d}"
