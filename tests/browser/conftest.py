"""Browser tests: Debian's chromium driven by Playwright against Django's live server.

`playwright install` cannot download here, so the session fixtures point Playwright at
/usr/bin/chromium. Every test here is marked `browser` (make test-fast leaves them out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

from onestop.directory.models import TaxonomyTerm
from onestop.directory.taxonomy import sync_terms
from onestop.geo.models import District, Province, Subdistrict
from onestop.geo.seeding import seed_from_geothai
from onestop.intake.models import Category, LexiconTerm
from onestop.intake.taxonomy import seed as seed_taxonomy
from onestop.outcomes.models import Domain
from onestop.outcomes.seeding import seed_domains
from onestop.volunteers.models import VolunteerType
from onestop.volunteers.seeding import seed_types
from onestop.welfare.models import Benefit, RuleVersion
from onestop.welfare.services import load_shipped
from tests.cases.conftest import case, client_person, open_case  # noqa: F401 - fixtures, for journeys
from tests.directory.conftest import directory  # noqa: F401 - the directory fixture, for journeys
from tests.events.conftest import make_event  # noqa: F401 - for journeys
from tests.giving.conftest import partner  # noqa: F401 - for journeys
from tests.reports.conftest import generated  # noqa: F401 - for journeys
from tests.volunteers.conftest import active_volunteer, apply, on_phone  # noqa: F401 - for journeys

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _reference_data(transactional_db: None) -> None:
    # Live-server tests flush the database between tests, and with it the reference data that
    # migrations seed: put it back the same way.
    if not Province.objects.exists():
        seed_from_geothai(Province, District, Subdistrict)
    if not Category.objects.exists():
        seed_taxonomy(Category, LexiconTerm)
    if not TaxonomyTerm.objects.exists():
        sync_terms(Category, TaxonomyTerm)
    if not Benefit.objects.exists():
        load_shipped(Benefit, RuleVersion)
    if not VolunteerType.objects.exists():
        seed_types(VolunteerType)
    if not Domain.objects.exists():
        seed_domains(Domain)


@pytest.fixture
def thai_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """thai_page(viewport) → a page in a fresh Thai context that records console errors."""
    contexts = []

    def make(viewport: dict[str, int] = DESKTOP) -> Page:
        context = browser.new_context(locale="th-TH", viewport=viewport)  # type: ignore[arg-type]
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []

        def on_console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                errors.append(msg.text)

        page.on("console", on_console)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.console_errors = errors  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()


def shot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sarabun_loaded(page: Page) -> bool:
    return bool(
        page.evaluate(
            """async () => {
                await document.fonts.ready;
                return [...document.fonts].some(f => f.family.replace(/"/g, '') === 'Sarabun' && f.status === 'loaded');
            }"""
        )
    )


def axe_violations(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"],
        },
    )
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    """Sign in through the real pages: the password, then (for an account that must use it) a
    code from the account's authenticator, as the phone shows it."""
    device = _authenticator(username)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].button")
    page.wait_for_load_state()
    if "/accounts/two-factor/verify/" in page.url:
        device.refresh_from_db()
        page.fill("#id_code", authenticator_code(device))
        page.click("button[type=submit].button")
    page.wait_for_url(f"{base}/staff/")


def _authenticator(username: str):  # type: ignore[no-untyped-def]
    """The user's phone app, enrolled beforehand (the enrolment journey has its own test)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from onestop.accounts.models import User

    device, _created = TOTPDevice.objects.get_or_create(
        user=User.objects.get(username=username),
        confirmed=True,
        defaults={"name": "authenticator"},
    )
    return device


def authenticator_code(device) -> str:  # type: ignore[no-untyped-def]
    """The code the phone shows now. TOTP refuses a time step already used (replay), so a
    second sign-in inside the same 30 seconds takes the next step's code, which the one-step
    tolerance still accepts."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        totp.time = (device.last_t + 1) * device.step + device.t0 + 1
    return str(totp.token()).zfill(device.digits)
