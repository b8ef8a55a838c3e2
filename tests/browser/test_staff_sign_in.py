"""Journey: a staff member opens OneStop on a desktop and a phone, signs in, sees their home."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, sarabun_loaded, shot, sign_in
from tests.conftest import PASSWORD, World


@pytest.mark.parametrize(("label", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_login_and_staff_home_in_thai(
    live_server, world: World, thai_page, label: str, viewport
) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(viewport)
    page.goto(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("ศูนย์ช่วยเหลือสังคม")
    shot(page, f"home-{label}")

    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("h1")).to_have_text("เข้าสู่ระบบสำหรับเจ้าหน้าที่")
    assert sarabun_loaded(page), "Thai must render in the bundled Sarabun font"
    assert axe_violations(page) == []
    shot(page, f"login-{label}")

    sign_in(page, live_server.url, "centeradmin", PASSWORD)
    expect(page.locator("h1")).to_contain_text("สวัสดี")
    expect(page.locator("[data-tile=teams]")).to_be_visible()
    assert sarabun_loaded(page)
    assert axe_violations(page) == []
    shot(page, f"staff-home-{label}")
    if label == "phone":
        # Nothing may force sideways scrolling on a 390 px phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []  # CSP violations would show here


def test_a_wrong_password_gets_a_thai_message(live_server, world: World, thai_page) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "centeradmin")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit].button")
    expect(page.locator(".errors")).to_contain_text("ชื่อผู้ใช้")
    assert page.console_errors == []


def test_switching_to_english_and_signing_out(live_server, world: World, thai_page) -> None:  # type: ignore[no-untyped-def]
    page = thai_page(DESKTOP)
    sign_in(page, live_server.url, "socialworker", PASSWORD)
    page.click("form.lang button")
    expect(page.locator("h1")).to_contain_text("Welcome")
    page.click("text=Sign out")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("Social Assistance Center")
