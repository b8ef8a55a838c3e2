from __future__ import annotations

import pytest
from django.test import Client

from onestop.api.services import api_token_create
from tests.conftest import World


@pytest.fixture
def bearer(world: World):  # type: ignore[no-untyped-def]
    """bearer("centeradmin") → headers carrying a fresh API token for that persona."""

    def make(name: str) -> dict[str, str]:
        _token, clear = api_token_create(user=world[name], name="tests")
        return {"HTTP_AUTHORIZATION": f"Bearer {clear}"}

    return make


@pytest.fixture
def api() -> Client:
    return Client(enforce_csrf_checks=True)
