"""Readable numbers CENTER-YYMM-NNNNN (BE year and month), for help requests and cases."""

from __future__ import annotations

import datetime as dt
import functools
import time
from typing import TYPE_CHECKING, Any

import psycopg
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
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


@functools.cache
def _insert_fields(model: type[models.Model]) -> list[tuple[models.Field[Any, Any], str]]:
    """``model``'s concrete fields with their quoted columns, worked out once per process."""
    qn = connection.ops.quote_name
    return [(f, qn(f.column)) for f in model._meta.concrete_fields]


def _insert_parts(
    obj: models.Model, skip: set[str], conn: BaseDatabaseWrapper
) -> tuple[list[str], list[str], list[Any]]:
    """The quoted columns, placeholders and prepared values Django's own INSERT would write for
    ``obj`` (defaults, auto_now and JSON adaptation included), less the auto primary key and
    ``skip``. NULLs are written as literals: psycopg caches the parsing of a statement only up
    to 50 parameters, and a help request and its audit entry have more columns than that."""
    columns, placeholders, values = [], [], []
    for f, column in _insert_fields(type(obj)):
        if (f.primary_key and obj.pk is None) or f.attname in skip:
            continue
        value = f.pre_save(obj, add=True)
        # A None in a nullable column is NULL whatever the field (get_db_prep_save returns it
        # unchanged, JSONField included): half of a new request's columns, spared the call.
        if value is not None or not f.null:
            value = f.get_db_prep_save(value, conn)
        columns.append(column)
        if value is None:
            placeholders.append("NULL")
        else:
            placeholders.append("%s")
            values.append(value)
    return columns, placeholders, values


def _bump_apart(conn: BaseDatabaseWrapper, counter: type[Any], center_id: int, period: str) -> int:
    """PostgreSQL: ``bump`` for a caller that is not inside a transaction, as a statement (so a
    transaction) of its own that commits without waiting for the WAL flush.

    Why: the counter row stays locked until its transaction ends. Bumped in the same
    transaction as the report, every concurrent report to a center waited for the previous
    one's WAL flush, one after another, and a slow flush on a busy disk (a checkpoint) stalled
    them all (most waits under load were IO:WALSync, then Lock:transactionid), where the bare
    insert it is compared with shares its flushes (group commit). Committed on its own, the
    row is locked for microseconds.

    Why an unflushed commit is safe: WAL is flushed in order, so the report's own commit, which
    comes later and is flushed, makes the bump durable too; after a crash that loses the bump,
    no saved report holds the number. The cost is a gap when the report's insert fails (a
    raced idempotency key): references are identifiers, not a gap-free register.

    ``set_config(..., true)`` in the statement sets synchronous_commit for its own implicit
    transaction only: one prepared statement, one round trip, the session's setting untouched."""
    ctable = conn.ops.quote_name(counter._meta.db_table)
    sql = (
        "WITH s AS (SELECT set_config('synchronous_commit', 'off', true))"  # noqa: S608 - name from the model, values bound
        f" INSERT INTO {ctable} (center_id, period, value) SELECT %s, %s, 1 FROM s"
        f" ON CONFLICT (center_id, period) DO UPDATE SET value = {ctable}.value + 1"
        " RETURNING value"
    )
    began = time.monotonic()
    with conn.wrap_database_errors, psycopg.Cursor(conn.connection) as cursor:
        cursor.execute(sql, [center_id, period], prepare=True)
        row = cursor.fetchone()
    if conn.queries_logged:
        conn.queries_log.append({"sql": sql, "time": f"{time.monotonic() - began:.3f}"})
    assert row is not None
    return int(row[0])


def insert_numbered(
    obj: models.Model,
    *,
    number_field: str,
    counter: type[Any],
    center: Center,
    at: dt.datetime,
    follower: models.Model,
) -> bool:
    """PostgreSQL only: number ``obj`` as ``next_number`` would, then insert it and
    ``follower`` (an audit entry, with ``object_id`` and ``object_repr`` taken from the new
    row) in one statement: atomic on its own, one round trip, prepared. Outside a transaction
    the number comes from ``_bump_apart``; inside one, from the same transaction. This is what
    the public help-request endpoint's throughput target needed. Sets ``obj.pk`` and the
    number and returns True; returns False on other databases, and the caller takes the ORM
    path."""
    # The wrapper itself, not django.db.connection: that proxy looks the connection up in a
    # thread-local (asgiref) on every attribute, 3-4 us each, and Django's field preparation
    # below reads the connection's attributes once or twice per column.
    conn = connections[DEFAULT_DB_ALIAS]
    if conn.vendor != "postgresql":
        return False
    local = timezone.localtime(at)
    period = f"{be_year(local.year) % 100:02d}{local.month:02d}"
    qn = conn.ops.quote_name
    meta, fmeta = obj._meta, follower._meta
    field = meta.get_field(number_field)
    assert isinstance(field, models.Field)
    number_col = qn(field.column)
    cols, ph, vals = _insert_parts(obj, {number_field}, conn)
    fcols, fph, fvals = _insert_parts(follower, {"object_id", "object_repr"}, conn)
    table, ftable, pk = qn(meta.db_table), qn(fmeta.db_table), qn(meta.pk.column)
    # Scalar subqueries inside VALUES let PostgreSQL type every parameter from its column.
    sql = (
        f"WITH r AS (INSERT INTO {table} ({', '.join(cols)}, {number_col})"  # noqa: S608 - names from the models, values bound
        f" VALUES ({', '.join(ph)}, %s) RETURNING {pk}, {number_col}),"
        f" f AS (INSERT INTO {ftable} ({', '.join(fcols)}, object_id, object_repr)"
        f" VALUES ({', '.join(fph)}, (SELECT {pk}::text FROM r), (SELECT {number_col} FROM r)))"
        f" SELECT {pk}, {number_col} FROM r"
    )
    conn.ensure_connection()

    def write(value: int) -> tuple[Any, str]:
        number = f"{center.code.upper()}-{period}-{value:05d}"
        # A server-side binding cursor, prepared (settings: DB_PREPARED_STATEMENTS): Django's
        # psycopg cursors bind client-side, quoting ~45 values in Python on every call, and
        # never prepare. Django's error wrapper keeps IntegrityError Django's (the idempotency
        # race relies on it).
        began = time.monotonic()
        with conn.wrap_database_errors, psycopg.Cursor(conn.connection) as cursor:
            cursor.execute(sql, [*vals, number, *fvals], prepare=True)
            row = cursor.fetchone()
        if conn.queries_logged:  # as Django's debug cursor would (DEBUG, query counting)
            conn.queries_log.append({"sql": sql, "time": f"{time.monotonic() - began:.3f}"})
        assert row is not None
        return row[0], row[1]

    if conn.in_atomic_block:
        # Inside a transaction a savepoint keeps a failure (a raced idempotency key) from
        # aborting the caller's transaction, and takes the number back with it.
        with transaction.atomic(using=conn.alias):
            pk_value, number = write(bump(counter, center_id=center.pk, period=period))
    else:
        pk_value, number = write(_bump_apart(conn, counter, center.pk, period))
    obj.pk = pk_value
    setattr(obj, number_field, number)
    obj._state.adding = False
    obj._state.db = conn.alias
    return True
