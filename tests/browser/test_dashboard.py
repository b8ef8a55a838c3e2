"""Journey: a supervisor reads the dashboard (desktop and phone), drills into the cases behind
a figure, and produces the fiscal-year report as a PDF in the background."""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.reports import facts
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World
from tests.reports.conftest import Generated


def test_dashboard_drill_down_and_report(
    live_server, world: World, generated: Generated, thai_page
) -> None:  # type: ignore[no-untyped-def]
    facts.refresh()
    base = live_server.url
    page = thai_page(DESKTOP)
    sign_in(page, base, "supervisor", PASSWORD)
    page.goto(f"{base}/reports/")
    for code in (
        "channel",
        "category",
        "target_group",
        "deadlines",
        "open",
        "overdue",
        "referrals",
        "welfare",
        "volunteers",
    ):
        expect(page.locator(f"[data-panel='{code}']")).to_be_visible()
    expect(page.locator("[data-panel='category'] svg rect").first).to_be_visible()
    expect(page.locator("h1")).to_have_text("ภาพรวม")
    shot(page, "dashboard-desktop")
    assert axe_violations(page) == []

    page.locator("[data-panel='open'] summary").click()
    link = page.locator("[data-panel='open'] tbody a").first
    expected = link.inner_text()
    link.click()
    expect(page.locator("h1")).to_have_text("รายการเบื้องหลังตัวเลข")
    expect(page.locator("table[data-drill='open'] tbody tr")).to_have_count(int(expected))
    shot(page, "dashboard-drill-down")

    page.goto(f"{base}/reports/exports/")
    page.select_option("#id_report", "fiscal_year")
    page.select_option("#id_fmt", "pdf")
    page.click("form.card button[type=submit]")
    expect(page.locator("#export-progress")).to_have_attribute("data-status", "done", timeout=20000)
    with page.expect_download() as download:
        page.click("#export-progress a.button")
    assert download.value.suggested_filename.endswith(".pdf")
    shot(page, "report-export-ready")

    phone = thai_page(PHONE)
    sign_in(phone, base, "supervisor", PASSWORD)
    phone.goto(f"{base}/reports/")
    expect(phone.locator("[data-panel='channel'] svg")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    shot(phone, "dashboard-phone")
    assert page.console_errors == [] and phone.console_errors == []
