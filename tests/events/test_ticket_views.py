"""/events/t/<token>/: the ticket, its QR, cancelling (which promotes the waitlist), and the
certificate with /events/c/<token>/."""

from __future__ import annotations

import pypdfium2 as pdfium
import zxingcpp
from django.core import mail
from django.test import Client

from onestop.events import services
from onestop.events.models import Event, Registration
from tests.conftest import World
from tests.events.conftest import person


def test_the_ticket_shows_the_qr_and_a_door_code(
    client: Client, world: World, registered: Registration
) -> None:
    page = client.get(f"/events/t/{registered.token}/").content.decode()
    assert 'data-registration-status="confirmed"' in page
    assert f"{registered.door_code[:3]}-{registered.door_code[3:]}" in page
    png = client.get(f"/events/t/{registered.token}/qr.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"


def test_a_forged_ticket_is_404(client: Client, world: World, registered: Registration) -> None:
    for token in ("x" * 43, "short", registered.token[:-1] + "A"):
        if token == registered.token:
            continue
        assert client.get(f"/events/t/{token}/").status_code == 404
        assert client.post(f"/events/t/{token}/cancel/").status_code == 404


def test_cancelling_promotes_the_first_on_the_waitlist(
    client: Client,
    world: World,
    event: Event,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    a, _b, c = (services.register(event=event, data=person(n)).registration for n in range(3))
    assert c.status == "waitlisted"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/t/{a.token}/cancel/")
    c.refresh_from_db()
    assert c.status == "confirmed" and c.promoted_at is not None
    assert any(c.email in m.to for m in mail.outbox)
    assert (
        'data-registration-status="cancelled"'
        in client.get(f"/events/t/{a.token}/").content.decode()
    )


def test_the_certificate_is_for_those_who_came_and_verifies(
    client: Client,
    world: World,
    event: Event,
    registered: Registration,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.SITE_URL = "https://onestop.example"
    assert client.get(f"/events/t/{registered.token}/certificate.pdf").status_code == 404
    assert client.get(f"/events/c/{registered.token}/").status_code == 404
    services.check_in(actor=world["coordinator"], event=event, code=registered.token)
    pdf = client.get(f"/events/t/{registered.token}/certificate.pdf")
    assert pdf.status_code == 200
    image = pdfium.PdfDocument(pdf.content)[0].render(scale=4).to_pil()
    [qr] = zxingcpp.read_barcodes(image)
    assert qr.text == f"https://onestop.example/events/c/{registered.token}/"
    page = client.get(f"/events/c/{registered.token}/").content.decode()
    assert 'data-state="valid"' in page and registered.name in page


def test_feedback_is_for_those_who_came(
    client: Client, client_for, world: World, event: Event, registered: Registration
) -> None:  # type: ignore[no-untyped-def]
    url = f"/events/t/{registered.token}/feedback/"
    assert client.post(url, {"rating": "5"}).status_code == 400
    services.check_in(actor=world["coordinator"], event=event, code=registered.token)
    assert client.post(url, {"rating": "9"}).status_code == 400
    assert (
        client.post(
            url, {"rating": "4", "useful": "ได้รู้สิทธิเบี้ยยังชีพ", "improve": "ห้องร้อน"}
        ).status_code
        == 302
    )
    assert client.post(url, {"rating": "5", "useful": "ได้รู้สิทธิเบี้ยยังชีพ"}).status_code == 302
    page = client_for("coordinator").get(f"/events/manage/{event.pk}/").content.decode()
    assert "data-feedback-summary" in page and "ได้รู้สิทธิเบี้ยยังชีพ" in page
    assert registered.feedback.rating == 5
