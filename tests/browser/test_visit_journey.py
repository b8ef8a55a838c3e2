"""Journey: a worker asks for a home visit on a case; the system suggests the volunteer; she
accepts on her phone, loses the signal at the door, checks in and reports offline; the phone
sends it when the signal is back, and the report appears on the case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from playwright.sync_api import Browser, expect

from onestop.thai.dates import be_year
from onestop.volunteers.models import Visit, Volunteer
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World
from tests.volunteers.conftest import HOME, KHLONG_NUENG


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


def test_request_suggest_accept_offline_report(
    live_server,
    world: World,
    case: Any,
    on_phone: Volunteer,
    thai_page,
    browser: Browser,
) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    worker = thai_page(DESKTOP)
    sign_in(worker, base, "socialworker", PASSWORD)
    worker.goto(f"{base}/cases/{case.number}/")
    worker.click("text=ขอให้อาสาสมัครเยี่ยมบ้าน")
    worker.fill("#id_address_text", "12 หมู่ 3 ซอยร่วมใจ")
    worker.select_option("#id_where-province", "13")
    expect(worker.locator("#id_where-district option[value='1302']")).to_have_count(1)
    worker.select_option("#id_where-district", "1302")
    expect(worker.locator(f"#id_where-subdistrict option[value='{KHLONG_NUENG}']")).to_have_count(1)
    worker.select_option("#id_where-subdistrict", KHLONG_NUENG)
    worker.fill("#id_lat", str(HOME[0]))
    worker.fill("#id_lng", str(HOME[1]))
    worker.fill("#id_checklist", "มีอาหารพอไหม\nยาที่กินอยู่")
    worker.fill("#id_due", _be(timezone.localdate() + dt.timedelta(days=2)))
    worker.check("input[name=skills_needed][value=elderly_care]")
    shot(worker, "visit-request")
    worker.click("text=ขอการเยี่ยมบ้าน")
    expect(worker.locator(f"[data-suggestion='{on_phone.pk}']")).to_be_visible()
    shot(worker, "visit-suggestions")
    assert axe_violations(worker) == []
    worker.locator(f"[data-suggestion='{on_phone.pk}'] button").click()
    expect(worker.locator("[data-visit-status]")).to_have_attribute("data-visit-status", "offered")
    visit = Visit.objects.get()

    context = browser.new_context(
        locale="th-TH",
        viewport=PHONE,  # type: ignore[arg-type]
        geolocation={"latitude": float(HOME[0]) + 0.001, "longitude": float(HOME[1])},
        permissions=["geolocation"],
    )
    phone = context.new_page()
    errors: list[str] = []
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(phone, base, "volunteer", PASSWORD)
    phone.goto(f"{base}/my/visits/")
    phone.click(f"[data-visit='{visit.pk}'] a")
    expect(phone.locator("body")).to_contain_text("มีอาหารพอไหม")
    expect(phone.locator("body")).not_to_contain_text(case.number)
    shot(phone, "visit-offered-phone")
    phone.click("button[name=accept][value='1']")
    expect(phone.locator("[data-visit-status]")).to_have_attribute("data-visit-status", "accepted")
    phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    expect(phone.locator("form[action$='/report/'] input[name=lat]")).not_to_have_value("")
    assert axe_violations(phone) == []

    context.set_offline(True)
    phone.fill("#answer-1", "ข้าวสารเหลือสองวัน")
    phone.fill("#answer-2", "กินยาความดันครบ")
    phone.fill("#id_report", "ยายอยู่คนเดียว ขอถุงยังชีพ")
    phone.check("#id_urgent")
    phone.click("form[action$='/report/'] button[type=submit]")
    expect(phone.locator("[data-outbox]")).to_contain_text("บันทึกไว้ในโทรศัพท์แล้ว")
    shot(phone, "visit-saved-offline-phone")
    visit.refresh_from_db()
    assert visit.status == "accepted"  # nothing reached the server yet

    context.set_offline(False)
    expect(phone.locator("[data-visit-status]")).to_have_attribute(
        "data-visit-status", "reported", timeout=15000
    )
    shot(phone, "visit-reported-phone")
    visit.refresh_from_db()
    assert visit.urgent and visit.checked_in_at is not None and not visit.far_from_address
    assert visit.observations[0]["answer"] == "ข้าวสารเหลือสองวัน"

    worker.goto(f"{base}/cases/{case.number}/")
    expect(worker.locator("#timeline")).to_contain_text("ข้าวสารเหลือสองวัน")
    expect(worker.locator(f"[data-visit='{visit.pk}']")).to_contain_text("ด่วน")
    shot(worker, "visit-on-case")
    assert phone.evaluate("caches.has('onestop-visits-v1')")
    phone.click("form[data-sign-out] button")
    phone.wait_for_url(f"{base}/")
    assert not phone.evaluate("caches.has('onestop-visits-v1')")  # the client's address is gone
    assert errors == [] and worker.console_errors == []
    context.close()
