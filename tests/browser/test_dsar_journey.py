"""Journey: a client asks for a copy of their data; the data protection officer records the
request, checks identity, decides and downloads the Thai PDF, on a phone."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from onestop.privacy.models import DataRequest
from tests.browser.conftest import PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World


def test_a_copy_of_my_data(
    live_server, world: World, case: Any, client_person: Any, thai_page
) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    page = thai_page(PHONE)
    sign_in(page, base, "dpo", PASSWORD)
    page.goto(f"{base}/privacy/requests/")
    page.select_option("#id_kind", "access")
    page.fill("#id_requester_name", "นายบุญมี มีสุข")
    page.fill("#id_requester_contact", "081-234-5678")
    page.click("form.card button[type=submit]")
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "received")
    page.fill("#id_method", "ตรวจบัตรประชาชนตัวจริงที่เคาน์เตอร์")
    page.fill("#id_person", client_person.code)
    page.click("form[action$='/verify/'] button[type=submit]")
    expect(page.locator("[data-person]")).to_have_text(client_person.code)
    page.select_option("#id_decision", "granted")
    page.click("form[action$='/decide/'] button[type=submit]")
    expect(page.locator("[data-decision]")).to_have_attribute("data-decision", "granted")
    shot(page, "dsar-phone")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.click("a:has-text('PDF')")
    assert download.value.path().read_bytes().startswith(b"%PDF")
    assert DataRequest.objects.get().status == "done"
    # The DPO's other pages, looked at on the same phone.
    page.goto(f"{base}/privacy/retention/")
    expect(page.locator("[data-due]")).to_have_count(4)
    shot(page, "retention-phone")
    assert axe_violations(page) == []
    page.goto(f"{base}/privacy/records/")
    expect(page.locator("[data-record]").first).to_be_visible()
    shot(page, "record-of-processing-phone")
    assert axe_violations(page) == []
    page.goto(f"{base}/privacy/notices/")
    expect(page.locator("[data-script]")).to_have_count(5)
    shot(page, "privacy-notices-phone")
    assert axe_violations(page) == []
    page.goto(f"{base}/privacy/notice/reporter/")
    expect(page.locator("[data-notice='reporter']")).to_be_visible()
    shot(page, "privacy-notice-public-phone")
    assert axe_violations(page) == []
    assert page.console_errors == []
