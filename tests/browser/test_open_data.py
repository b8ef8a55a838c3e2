"""The open-data page on a phone: readable in Thai, accessible, and the CSV link works."""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.intake.services import HelpRequestInput, help_request_submit
from tests.browser.conftest import PHONE, axe_violations, shot
from tests.conftest import World


def test_open_data_on_a_phone(live_server, world: World, thai_page) -> None:  # type: ignore[no-untyped-def]
    for i in range(6):
        help_request_submit(
            center=world.center_a,
            data=HelpRequestInput(
                description=f"ขอความช่วยเหลือ {i}", subdistrict_code="130201", subject_age=70
            ),
        )
    page = thai_page(PHONE)
    page.goto(f"{live_server.url}/open-data/")
    expect(page.locator("#help-requests [data-row]")).to_have_count(1)
    expect(page.locator("#help-requests")).to_contain_text("ปทุมธานี")
    shot(page, "open-data-phone")
    assert axe_violations(page) == []
    csv = page.request.get(
        live_server.url
        + (page.locator("#help-requests a:has-text('CSV')").get_attribute("href") or "")
    )
    assert csv.ok and "ปทุมธานี" in csv.text()
    assert page.console_errors == []
