"""Journey: someone registers for a full forum from a phone and is waitlisted; a place frees
and they are promoted; at the door the organiser scans their QR (the camera is replaced by the
decoded QR typed into the same form); the certificate is issued and its QR verifies."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from onestop.events import services
from onestop.events.models import Registration
from tests.browser.conftest import PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World
from tests.events.conftest import person


def test_register_waitlist_promote_check_in_certificate(
    live_server,
    world: World,
    make_event,
    thai_page,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.SITE_URL = live_server.url
    base = live_server.url
    event = make_event(capacity=1)
    first = services.register(event=event, data=person(1)).registration

    visitor = thai_page(PHONE)
    visitor.goto(f"{base}/events/")
    visitor.click(f"[data-event='{event.pk}'] a")
    visitor.fill("#id_name", "วิภาวรรณ ใจงาม")
    visitor.fill("#id_email", "wipa@example.org")
    visitor.fill("#id_accessibility", "ใช้รถเข็น")
    visitor.check("#id_consent")
    shot(visitor, "event-register-phone")
    assert axe_violations(visitor) == []
    visitor.click("[data-register-form] button[type=submit]")
    expect(visitor.locator("[data-registration-status]")).to_have_attribute(
        "data-registration-status", "waitlisted"
    )
    shot(visitor, "event-waitlisted-phone")

    services.cancel(registration=first)  # a place frees: the waitlist moves up
    visitor.reload()
    expect(visitor.locator("[data-registration-status]")).to_have_attribute(
        "data-registration-status", "confirmed"
    )
    shot(visitor, "event-ticket-phone")
    png = visitor.request.get(
        base + (visitor.locator("[data-ticket-qr]").get_attribute("src") or "")
    )
    [ticket_qr] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.body())))
    reg = Registration.objects.get(email="wipa@example.org")
    assert ticket_qr.text == f"{base}/events/t/{reg.token}/"

    door = thai_page(PHONE)
    sign_in(door, base, "coordinator", PASSWORD)
    door.goto(f"{base}/events/manage/{event.pk}/check-in/")
    door.fill("#id_code", ticket_qr.text)
    door.click("[data-check-in-form] button[type=submit]")
    expect(door.locator(f"[data-checked-in='{reg.pk}']")).to_contain_text("วิภาวรรณ ใจงาม")
    expect(door.locator(f"[data-checked-in='{reg.pk}']")).to_contain_text("ใช้รถเข็น")
    shot(door, "event-check-in-phone")
    assert axe_violations(door) == []

    visitor.reload()
    href = visitor.locator("[data-certificate]").get_attribute("href") or ""
    certificate = visitor.request.get(base + href)
    image = pdfium.PdfDocument(certificate.body())[0].render(scale=4).to_pil()
    image.save("screenshots/event-certificate.png")
    [cert_qr] = zxingcpp.read_barcodes(image)
    visitor.goto(cert_qr.text)
    expect(visitor.locator("[data-state]")).to_have_attribute("data-state", "valid")
    expect(visitor.locator("[data-name]")).to_have_text("วิภาวรรณ ใจงาม")
    assert visitor.console_errors == [] and door.console_errors == []
