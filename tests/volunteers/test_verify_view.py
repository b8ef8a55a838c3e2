"""/v/<token> and GET /api/v1/volunteer-cards/verify/<token>: the public card check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings

from onestop.audit.models import AuditEntry
from onestop.volunteers import services
from onestop.volunteers.models import Card
from tests.conftest import World


def test_a_valid_card_shows_the_masked_name_photo_and_type(client: Client, card: Card) -> None:
    response = client.get(f"/v/{card.token}")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-state="valid"' in body
    assert "สมหญิง ใ." in body and "ใจดี" not in body
    assert "1101700230708" not in body and "1-1017-00230-70-8" not in body
    assert "70-8" in body or "0708" in body  # the masked ID keeps its last digits
    assert "อาสาสมัครพัฒนาสังคม" in body
    photo = client.get(f"/v/{card.token}/photo")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    api = client.get(f"/api/v1/volunteer-cards/verify/{card.token}").json()
    assert api["state"] == "valid" and api["valid"] is True and api["name"] == "สมหญิง ใ."
    assert "1101700230708" not in str(api)
    assert AuditEntry.objects.filter(action="volunteers.card.verified").count() >= 2


@pytest.mark.parametrize(
    "token",
    ["guessed-token-that-was-never-issued-000000000", "short", "a%20b%3Cscript%3E", "a" * 43],
)
def test_a_guessed_or_tampered_token_says_not_ours_and_leaks_nothing(
    client: Client, card: Card, token: str
) -> None:
    response = client.get(f"/v/{token}")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'data-state="unknown"' in body and "สมหญิง" not in body
    assert client.get(f"/api/v1/volunteer-cards/verify/{token}").status_code == 404


def test_a_tampered_copy_of_a_real_token_is_unknown(client: Client, card: Card) -> None:
    tampered = card.token[:-1] + ("A" if card.token[-1] != "A" else "B")
    assert client.get(f"/v/{tampered}").status_code == 404


def test_a_revoked_card_says_revoked_without_name_or_photo(
    client: Client, world: World, card: Card
) -> None:
    services.card_revoke(actor=world["coordinator"], card=card, reason="บัตรหาย")
    response = client.get(f"/v/{card.token}")
    body = response.content.decode()
    assert response.status_code == 200 and 'data-state="revoked"' in body
    assert "สมหญิง" not in body and "0042/2568" not in body
    assert client.get(f"/v/{card.token}/photo").status_code == 404
    assert client.get(f"/api/v1/volunteer-cards/verify/{card.token}").json() == {
        "state": "revoked",
        "valid": False,
        "type": card.volunteer.type.name,
        "name": None,
        "national_id": None,
        "registration_number": None,
        "center": None,
        "expires_on": None,
    }


def test_a_reprinted_cards_old_token_stops_verifying(
    client: Client, world: World, card: Card
) -> None:
    new = services.card_issue(actor=world["coordinator"], volunteer=card.volunteer, kind="reprint")
    assert 'data-state="revoked"' in client.get(f"/v/{card.token}").content.decode()
    assert 'data-state="valid"' in client.get(f"/v/{new.token}").content.decode()


def test_an_expired_card_says_expired(client: Client, card: Card) -> None:
    Card.objects.filter(pk=card.pk).update(expires_on=dt.date(2020, 1, 1))
    response = client.get(f"/v/{card.token}")
    assert 'data-state="expired"' in response.content.decode()
    assert client.get(f"/v/{card.token}/photo").status_code == 404


def test_a_suspended_volunteers_card_is_not_valid(client: Client, world: World, card: Card) -> None:
    services.volunteer_set_status(
        actor=world["coordinator"], volunteer=card.volunteer, status="suspended", reason="สอบสวน"
    )
    assert 'data-state="suspended"' in client.get(f"/v/{card.token}").content.decode()


@override_settings(CARD_VERIFY_RATE="3/h")
def test_verifying_is_rate_limited(client: Client, card: Card) -> None:
    for _ in range(3):
        assert client.get(f"/v/{card.token}").status_code == 200
    assert client.get(f"/v/{card.token}").status_code == 429
    assert client.get(f"/api/v1/volunteer-cards/verify/{card.token}").status_code == 429
