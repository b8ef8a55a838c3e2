"""schemathesis against /api/v1/openapi.json: generated requests to every operation, valid and
invalid (wrong types, missing fields, odd strings, malformed bodies), with no token and with a
staff token. No answer may be a 5xx.

Bounded: SCHEMATHESIS_MAX_EXAMPLES examples per operation and persona (default 20), derandomised
so that a failure is reproduced by running the test again. Each example runs inside the test's
database transaction against the full middleware stack (the WSGI application itself).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from onestop.api.services import api_token_create
from onestop.api.v1 import api
from tests.conftest import World

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "20"))


# The document the API serves at /api/v1/openapi.json, built the same way (django-ninja), at
# import: schemathesis' fixture-based loader does not run on pytest 9 (it reads a removed
# private attribute), and building the document needs no database.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    # Django closes the database connection when a request ends; its test client switches
    # that off, and this raw WSGI client must too, or the test's transaction dies with it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_fuzzed_document_is_the_served_one(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/openapi.json").json() == schema.raw_schema


FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@FUZZ
def test_no_server_error_without_a_token(case, world: World) -> None:  # type: ignore[no-untyped-def]
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])


@schema.parametrize()
@FUZZ
def test_no_server_error_with_a_staff_token(case, world: World) -> None:  # type: ignore[no-untyped-def]
    # A supervisor: cases, persons, referrals, reports and the API (center A's data).
    _token, clear = api_token_create(user=world["supervisor"], name="schemathesis")
    response = case.call(headers={"Authorization": f"Bearer {clear}"})
    case.validate_response(response, checks=[not_a_server_error])
    if (case.method, case.path) == ("GET", "/api/v1/me"):
        # The token reached the application: this run exercises the staff side, not a 401 wall.
        assert response.status_code == 200, response.text
