"""Journey: a developer at a partner opens the API documentation (no CDN, strict CSP)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, shot


def test_the_api_docs_render_under_the_csp(live_server, thai_page) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(DESKTOP)
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .title")).to_contain_text("OneStop API")
    expect(page.get_by_text("/api/v1/teams", exact=True).first).to_be_visible()
    shot(page, "api-docs-desktop")
    assert page.console_errors == []
