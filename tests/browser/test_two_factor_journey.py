"""Journey: a social worker's first sign-in sets up an authenticator on the phone, keeps the
recovery codes, and signs in with a code the next time."""

from __future__ import annotations

from base64 import b32decode

from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot
from tests.conftest import PASSWORD, World


def _step(secret: str) -> int:
    return int(TOTP(b32decode(secret)).t())


def _code(secret: str, step: int) -> str:
    totp = TOTP(b32decode(secret))
    totp.time = step * 30 + 1
    return str(totp.token()).zfill(6)


def _password(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].button")


def test_first_sign_in_enrols_then_the_code_is_asked(live_server, world: World, thai_page) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    page = thai_page(PHONE)
    _password(page, base, "socialworker")
    page.wait_for_url(f"{base}/accounts/two-factor/setup/**")
    expect(page.locator("h1")).to_have_text("ตั้งค่าการเข้าสู่ระบบสองขั้นตอน")
    expect(page.locator("img.qr")).to_be_visible()
    assert axe_violations(page) == []
    shot(page, "two-factor-setup-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    secret = page.locator("[data-secret]").inner_text().strip()

    used = _step(secret)
    page.fill("#id_code", _code(secret, used))
    page.click("button[type=submit].button")
    expect(page.locator("h1")).to_have_text("รหัสกู้คืนของคุณ")
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    shot(page, "two-factor-recovery-codes-phone")
    page.click("text=เก็บรหัสแล้ว ไปต่อ")
    page.wait_for_url(f"{base}/staff/")

    # Next sign-in, on a desktop: the password, then the code of the next time step (the one
    # just used is refused as a replay).
    page = thai_page(DESKTOP)
    _password(page, base, "socialworker")
    page.wait_for_url(f"{base}/accounts/two-factor/verify/**")
    expect(page.locator("h1")).to_have_text("การเข้าสู่ระบบสองขั้นตอน")
    page.fill("#id_code", _code(secret, used))
    page.click("button[type=submit].button")
    expect(page.locator("p.error")).to_contain_text("ถูกใช้ไปแล้ว")
    assert axe_violations(page) == []
    shot(page, "two-factor-verify-desktop")
    page.fill("#id_code", _code(secret, max(_step(secret), used + 1)))
    page.wait_for_timeout(1100)  # the one-second back-off after the refused replay
    page.click("button[type=submit].button")
    page.wait_for_url(f"{base}/staff/")
    assert page.console_errors == []
