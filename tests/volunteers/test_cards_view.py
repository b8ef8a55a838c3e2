"""Card lifecycle pages: issue, renew, reprint, revoke, the card PDF and the print queue."""

from __future__ import annotations

import pytest

from onestop.audit.models import AuditEntry
from onestop.volunteers.models import Card, Volunteer
from tests.conftest import World, denied


def test_a_card_is_issued_once_then_renewed_or_reprinted(
    client_for,
    world: World,
    active_volunteer: Volunteer,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for("coordinator")
    url = f"/volunteers/{active_volunteer.pk}/cards/"
    assert client.post(url, {"kind": "reprint"}).status_code == 302
    assert not Card.objects.exists()  # nothing to reprint yet
    client.post(url, {"kind": "issue"})
    first = Card.objects.get()
    assert first.status == "active" and len(first.token) >= 40
    assert first.expires_on.year == first.issued_on.year + 4  # อพม.: 4 years, configurable
    client.post(url, {"kind": "issue"})
    assert Card.objects.count() == 1  # a second valid card is refused
    client.post(url, {"kind": "reprint"})
    first.refresh_from_db()
    second = Card.objects.get(status="active")
    assert first.status == "replaced" and second.token != first.token
    assert second.expires_on == first.expires_on
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"volunteers.card.issued", "volunteers.card.reprinted"} <= actions


def test_only_active_volunteers_get_cards(client_for, world: World, apply) -> None:  # type: ignore[no-untyped-def]
    v = apply()
    response = client_for("coordinator").post(f"/volunteers/{v.pk}/cards/", {"kind": "issue"})
    assert response.status_code == 302
    assert not Card.objects.exists()


def test_revoking_needs_a_reason_and_kills_the_card(client_for, world: World, card: Card) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    client.post(f"/volunteers/cards/{card.pk}/revoke/", {"reason": ""})
    card.refresh_from_db()
    assert card.status == "active"
    client.post(f"/volunteers/cards/{card.pk}/revoke/", {"reason": "บัตรหาย"})
    card.refresh_from_db()
    assert card.status == "revoked" and card.revoke_reason == "บัตรหาย"
    assert client.get(f"/volunteers/cards/{card.pk}.pdf").status_code == 404


def test_the_card_pdf_is_cr80_and_printing_is_audited(client_for, world: World, card: Card) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    response = client_for("coordinator").get(f"/volunteers/cards/{card.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    doc = pdfium.PdfDocument(response.content)
    assert len(doc) == 2
    width, height = doc[0].get_size()
    assert round(width / 72 * 25.4, 1) == 85.6 and round(height / 72 * 25.4, 1) == 54.0
    card.refresh_from_db()
    assert card.printed_at is not None
    assert AuditEntry.objects.filter(action="volunteers.card.printed").count() == 1


def test_the_print_queue_makes_one_a4_sheet(client_for, world: World, card: Card) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    client = client_for("coordinator")
    page = client.get("/volunteers/cards/queue/").content.decode()
    assert f'value="{card.pk}"' in page
    response = client.post("/volunteers/cards/queue/", {"card": [str(card.pk)]})
    assert response.status_code == 200
    doc = pdfium.PdfDocument(response.content)
    assert len(doc) == 2  # fronts, then backs
    width, _height = doc[0].get_size()
    assert round(width / 72 * 25.4) == 210
    assert f'value="{card.pk}"' not in client.get("/volunteers/cards/queue/").content.decode()
    assert client.post("/volunteers/cards/queue/", {"card": ["x"]}).status_code == 302


def test_removing_a_volunteer_revokes_their_card(client_for, world: World, card: Card) -> None:  # type: ignore[no-untyped-def]
    v = card.volunteer
    client = client_for("coordinator")
    response = client.post(
        f"/volunteers/{v.pk}/status/", {"status": "removed", "reason": "ทุจริต", "version": v.version}
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.status == "revoked"


@pytest.mark.parametrize("persona", ["socialworker", "supervisor", "volunteer", "centeradmin"])
def test_other_roles_cannot_touch_cards(client_for, world: World, card: Card, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    assert client.get(f"/volunteers/cards/{card.pk}.pdf").status_code == denied(persona)
    assert client.post(
        f"/volunteers/cards/{card.pk}/revoke/", {"reason": "x"}
    ).status_code == denied(persona)
    assert client.post(
        f"/volunteers/{card.volunteer_id}/cards/", {"kind": "renew"}
    ).status_code == denied(persona)
    assert client.get("/volunteers/cards/queue/").status_code == denied(persona)
    card.refresh_from_db()
    assert card.status == "active"
