from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from onestop.api.models import ApiToken, hash_token
from onestop.audit.models import AuditEntry
from tests.conftest import World, denied


def test_a_token_is_shown_once_and_stored_hashed(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    body = client.post("/account/tokens/", {"name": "รายงานประจำเดือน"}).content.decode()
    clear = re.search(r"data-token>(os_[^<]+)<", body)
    assert clear is not None
    token = ApiToken.objects.get(user=world["socialworker"])
    assert token.token_hash == hash_token(clear.group(1))
    assert clear.group(1) not in str(token.__dict__)
    # The list afterwards shows only the hint.
    assert clear.group(1) not in client.get("/account/tokens/").content.decode()
    assert AuditEntry.objects.filter(
        action="api.token.created", actor=world["socialworker"]
    ).exists()
    # And the token works.
    api = Client()
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {clear.group(1)}").status_code == 200


def test_a_name_is_required(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("socialworker").post("/account/tokens/", {"name": "  "})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("persona", ["volunteer", "partner", "researcher"])
def test_roles_without_api_use_get_403(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    assert client_for(persona).get("/account/tokens/").status_code == denied(persona)
    assert client_for(persona).post("/account/tokens/", {"name": "x"}).status_code == denied(
        persona
    )


def test_revoking_works_only_on_ones_own_tokens(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from onestop.api.services import api_token_create

    mine, _ = api_token_create(user=world["socialworker"], name="mine")
    theirs, _ = api_token_create(user=world["supervisor"], name="theirs")
    client = client_for("socialworker")
    assert client.post(f"/account/tokens/{theirs.pk}/revoke/").status_code == 404
    assert client.post(f"/account/tokens/{mine.pk}/revoke/").status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked is not None and theirs.revoked is None
    assert AuditEntry.objects.filter(action="api.token.revoked").count() == 1


def test_the_command_prints_only_the_token(world: World) -> None:
    out = StringIO()
    call_command("create_api_token", "supervisor", stdout=out)
    printed = out.getvalue().strip()
    assert re.fullmatch(r"os_[A-Za-z0-9_\-]{40,}", printed)
    assert ApiToken.objects.get(user=world["supervisor"]).token_hash == hash_token(printed)


def test_the_command_refuses_unknown_users_and_roles_without_api(world: World) -> None:
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("create_api_token", "volunteer", stdout=StringIO())
