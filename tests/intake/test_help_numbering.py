"""Numbering, saving and auditing a help request in one go (``core.numbering.insert_numbered``
on PostgreSQL, the ORM on SQLite): both paths must leave the same rows behind."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.intake import services
from onestop.intake.models import HelpRequest, ReferenceCounter
from onestop.intake.services import HelpRequestInput, help_request_submit
from onestop.thai.dates import be_year
from tests.conftest import World


def _period(at: dt.datetime) -> str:
    local = timezone.localtime(at)
    return f"{be_year(local.year) % 100:02d}{local.month:02d}"


def test_numbers_follow_each_other_and_each_request_is_audited(
    client: Client, world: World
) -> None:
    refs = []
    for text in ("มีเด็กถูกทิ้งไว้หน้าร้าน", "ยายอยู่คนเดียว ไม่มีข้าวกิน"):
        response = client.post(
            "/api/v1/help-requests", {"description": text}, content_type="application/json"
        )
        assert response.status_code == 201
        refs.append(response.json()["reference"])
    period = _period(timezone.now())
    assert refs == [f"TU-{period}-00001", f"TU-{period}-00002"]
    for ref in refs:
        hr = HelpRequest.objects.get(reference=ref)
        entry = AuditEntry.objects.get(action="intake.help_request.submitted", object_id=str(hr.pk))
        assert entry.object_repr == ref
        assert entry.object_type == "intake.helprequest"
        assert entry.center_id == world.center_a.pk
        assert entry.data["channel"] == "web"
        assert hr.created is not None and hr.first_contact_due is not None
    assert ReferenceCounter.objects.get(center=world.center_a, period=period).value == 2


def test_a_new_month_starts_its_own_counter(world: World) -> None:
    last_month = timezone.now() - dt.timedelta(days=40)
    ReferenceCounter.objects.create(center=world.center_a, period=_period(last_month), value=7)
    result = help_request_submit(
        center=world.center_a, data=HelpRequestInput(description="ขอความช่วยเหลือ")
    )
    assert result.request.reference.endswith("-00001")
    assert (
        ReferenceCounter.objects.get(center=world.center_a, period=_period(last_month)).value == 7
    )


def test_past_99999_the_number_widens_instead_of_wrapping(world: World) -> None:
    ReferenceCounter.objects.create(
        center=world.center_a, period=_period(timezone.now()), value=99_999
    )
    result = help_request_submit(
        center=world.center_a, data=HelpRequestInput(description="ขอความช่วยเหลือ")
    )
    assert result.request.reference.endswith("-100000")
    assert HelpRequest.objects.get(pk=result.request.pk).reference == result.request.reference


def test_a_raced_idempotency_key_returns_the_first_request_and_leaves_nothing_half_saved(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = help_request_submit(
        center=world.center_a, data=HelpRequestInput(description="ครั้งแรก"), idempotency_key="k-1"
    )
    # The race: the second submit does not see the first one before it inserts.
    monkeypatch.setattr("onestop.intake.services._by_idempotency_key", _miss_once())
    again = help_request_submit(
        center=world.center_a, data=HelpRequestInput(description="ครั้งที่สอง"), idempotency_key="k-1"
    )
    assert again.created is False and again.request.pk == first.request.pk
    assert HelpRequest.objects.count() == 1
    assert AuditEntry.objects.filter(action="intake.help_request.submitted").count() == 1
    # The surrounding transaction is still usable.
    assert HelpRequest.objects.filter(idempotency_key="k-1").exists()


def _miss_once():  # type: ignore[no-untyped-def]
    real = services._by_idempotency_key
    calls = {"n": 0}

    def lookup(key: str) -> HelpRequest | None:
        calls["n"] += 1
        return None if calls["n"] == 1 else real(key)

    return lookup


def test_the_one_statement_path_is_the_one_postgresql_takes(world: World) -> None:
    help_request_submit(center=world.center_a, data=HelpRequestInput(description="ขอความช่วยเหลือ"))
    with CaptureQueriesContext(connection) as queries:
        help_request_submit(
            center=world.center_a, data=HelpRequestInput(description="ขอความช่วยเหลือ")
        )
    writes = [q["sql"] for q in queries.captured_queries if "INSERT" in q["sql"]]
    if connection.vendor == "postgresql":
        # The request and its audit entry in one statement (the counter is an UPDATE here).
        assert len(writes) == 1 and "intake_helprequest" in writes[0] and "audit" in writes[0]
    else:
        assert len(writes) == 2


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_number_is_committed_apart_and_nothing_waits_on_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Requests arrive outside any transaction: on PostgreSQL the counter is bumped in a
    # transaction of its own (no lock held through the report's WAL flush), then the request
    # and its entry go in one statement.
    with CaptureQueriesContext(connection) as queries:
        refs = [
            help_request_submit(
                center=world.center_a, data=HelpRequestInput(description=t)
            ).request.reference
            for t in ("เรื่องแรก", "เรื่องที่สอง")
        ]
    period = _period(timezone.now())
    assert refs == [f"TU-{period}-00001", f"TU-{period}-00002"]
    assert ReferenceCounter.objects.get(center=world.center_a, period=period).value == 2
    if connection.vendor != "postgresql":
        return
    sqls = [q["sql"] for q in queries.captured_queries]
    bumps = [q for q in sqls if "set_config('synchronous_commit', 'off', true)" in q]
    assert len(bumps) == 2 and all("intake_referencecounter" in q for q in bumps)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("on",)  # the report itself still waits for its flush
    assert connection.connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    # A raced idempotency key: the number is spent (a gap), nothing else is half-saved, and
    # the connection is fit for the next request.
    help_request_submit(
        center=world.center_a, data=HelpRequestInput(description="ซ้ำ"), idempotency_key="k-9"
    )
    monkeypatch.setattr("onestop.intake.services._by_idempotency_key", _miss_once())
    again = help_request_submit(
        center=world.center_a, data=HelpRequestInput(description="ซ้ำ"), idempotency_key="k-9"
    )
    assert again.created is False
    assert HelpRequest.objects.filter(idempotency_key="k-9").count() == 1
    assert AuditEntry.objects.filter(action="intake.help_request.submitted").count() == 3
    after = help_request_submit(
        center=world.center_a, data=HelpRequestInput(description="ต่อไป")
    ).request.reference
    assert after == f"TU-{period}-00005"


def test_on_postgresql_the_statement_is_prepared_once_per_connection(world: World) -> None:
    # Django switches psycopg's prepared statements off unless OPTIONS say otherwise; the
    # settings turn them back on for this one statement (DB_PREPARED_STATEMENTS).
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(2):
        help_request_submit(
            center=world.center_a, data=HelpRequestInput(description="ขอความช่วยเหลือ")
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("intake_helprequest" in sql and "audit_auditentry" in sql for sql in prepared)


def test_tracking_codes_are_two_groups_of_four_from_the_unambiguous_alphabet() -> None:
    codes = {services.new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 9 and c[4] == "-" for c in codes)
    letters = set("".join(codes).replace("-", ""))
    # Every letter turns up, and none outside the alphabet (no 0/O, 1/I/L).
    assert letters == set(services.TRACKING_ALPHABET)
