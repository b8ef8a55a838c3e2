"""Journey: a worker refers a client to the hospital's medical social work service; the
hospital's partner staff accepts and reports the outcome; the worker sees it on the timeline."""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.cases.models import Case
from onestop.referrals.models import Referral
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sign_in
from tests.conftest import PASSWORD, World
from tests.directory.conftest import Directory
from tests.referrals.conftest import consent


def test_refer_accept_and_report(
    live_server, world: World, case: Case, directory: Directory, thai_page
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    base = live_server.url
    sw = thai_page(PHONE)
    sign_in(sw, base, "socialworker", PASSWORD)
    sw.goto(f"{base}/cases/{case.number}/")
    sw.click("text=ส่งต่อไปยังบริการของภาคี")
    sw.select_option("#id_service", str(directory.social_medicine.pk))
    sw.fill("#id_reason", "ขอให้ประเมินสิทธิการรักษาและช่วยค่าใช้จ่ายเตียงผู้ป่วย")
    sw.fill("#id_due", "31/12/2600")
    shot(sw, "referral-new-phone")
    sw.click("button[name=send]")
    expect(sw.locator("#referrals")).to_contain_text("ส่งแล้ว รอตอบรับ")
    expect(sw.locator("[data-status]")).to_have_text("ส่งต่อพื้นที่")
    referral = Referral.objects.get()

    partner = thai_page(DESKTOP)
    sign_in(partner, base, "partner", PASSWORD)
    partner.click("[data-menu=referrals]")
    partner.click(f"text={referral.number}")
    expect(partner.locator("body")).to_contain_text("ขอให้ประเมินสิทธิการรักษา")
    shot(partner, "referral-partner")
    assert axe_violations(partner) == []
    partner.click("text=ตอบรับการส่งต่อ")
    expect(partner.locator("[data-status]")).to_have_text("ตอบรับแล้ว")
    partner.check("input[name=outcome-completed][value='1']")
    partner.fill("#id_outcome-outcome", "ผู้ป่วยได้รับสิทธิบัตรทองและเตียงผู้ป่วยแล้ว")
    partner.click("#outcome form:last-of-type button[type=submit]")
    expect(partner.locator("[data-status]")).to_have_text("ช่วยเหลือเรียบร้อย")

    sw.reload()
    expect(sw.locator("#timeline")).to_contain_text("ผู้ป่วยได้รับสิทธิบัตรทองและเตียงผู้ป่วยแล้ว")
    expect(sw.locator("[data-status]")).to_have_text("พิจารณาการช่วยเหลือ")
    shot(sw, "referral-outcome-phone")
    assert sw.console_errors == [] and partner.console_errors == []


def test_the_same_journey_through_the_email_link(
    live_server, world: World, case: Case, directory: Directory, thai_page
) -> None:  # type: ignore[no-untyped-def]
    import re

    from django.core import mail

    from onestop.referrals import services as referrals
    from tests.cases.conftest import acc

    consent(world, case)
    referral = referrals.referral_create(
        actor=world["socialworker"],
        access=acc(world, "socialworker", case),
        service=directory.social_medicine,
        clients=list(case.clients.all()),
        reason="ขอให้ประเมินสิทธิการรักษา",
        due=case.opened_at.date().replace(year=case.opened_at.year + 1),
    )
    referrals.referral_send(
        actor=world["socialworker"], access=acc(world, "socialworker", case), referral=referral
    )
    base = live_server.url
    sw = thai_page(PHONE)
    sign_in(sw, base, "socialworker", PASSWORD)
    sw.goto(f"{base}/cases/{case.number}/#referrals")
    sw.locator("summary", has_text="อีเมลลิงก์").click()
    sw.fill(f"#link-{referral.pk}", "medsocial@hospital.example")
    sw.click(f"form[action$='/referrals/{referral.pk}/links/'] button")
    expect(sw.locator("#referrals")).to_contain_text("medsocial@hospital.example")
    url = re.search(r"/r/[\w-]+/", mail.outbox[-1].body).group(0)  # type: ignore[union-attr]

    partner = thai_page(PHONE)  # no account, no sign-in
    partner.goto(f"{base}{url}")
    expect(partner.locator("body")).to_contain_text("ขอให้ประเมินสิทธิการรักษา")
    shot(partner, "referral-link-phone")
    partner.click("text=ตอบรับการส่งต่อ")
    partner.check("input[name=outcome-completed][value='1']")
    partner.fill("#id_outcome-outcome", "ได้รับการรักษาและสิทธิบัตรทองแล้ว")
    partner.click("#outcome form:last-of-type button[type=submit]")
    sw.reload()
    expect(sw.locator("#timeline")).to_contain_text("ได้รับการรักษาและสิทธิบัตรทองแล้ว")
