"""GET /api/v1/volunteer-cards/verify/{token}: public, the same answer as the /v/ page,
rate-limited like it (CARD_VERIFY_RATE) and audited by the service."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from onestop.api.errors import ApiError
from onestop.core.net import client_ip
from onestop.lib.ratelimit import hit
from onestop.volunteers import services

router = Router(tags=["volunteers"])


class CardVerification(Schema):
    state: str
    valid: bool
    type: str
    name: str | None = None
    national_id: str | None = None
    registration_number: str | None = None
    center: str | None = None
    expires_on: str | None = None


@router.get(
    "/volunteer-cards/verify/{token}",
    auth=None,
    response=CardVerification,
    summary="Verify a volunteer ID card",
    description=(
        "state is valid, expired, suspended or revoked. The name and ID come masked, and only "
        "for a valid or expired card. An unknown token is 404, like a guessed or tampered one."
    ),
)
def verify_card(request: HttpRequest, token: str) -> dict[str, Any]:
    if not hit("card-verify-ip", client_ip(request) or "unknown", settings.CARD_VERIFY_RATE):
        raise ApiError(
            429, "rate_limited", _("Too many checks from this device. Please wait a while.")
        )
    result = services.card_verify(token)
    if result is None:
        raise ApiError(404, "not_found", _("No card has this code."))
    return result.as_json()
