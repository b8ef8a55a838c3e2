"""Referral pages: the worker refers from the case; partner staff see their inbox and only what
was shared; another organisation's referral is 404."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.cases import services as cases
from onestop.cases.models import Case
from onestop.referrals.models import Referral
from tests.cases.conftest import acc
from tests.conftest import World, denied
from tests.directory.conftest import Directory
from tests.referrals.conftest import consent

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_refer_from_the_case_page(
    world: World, client_for, case: Case, directory: Directory
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    sw = client_for("socialworker")
    url = f"/cases/{case.number}/referrals/new/"
    page = sw.get(url)
    assert page.status_code == 200 and "งานสังคมสงเคราะห์ทางการแพทย์" in page.content.decode()
    due = (timezone.localdate() + dt.timedelta(days=10)).strftime("%d/%m/") + str(
        timezone.localdate().year + 543
    )
    data = {
        "service": str(directory.social_medicine.pk),
        "clients": [case.clients.get().pk],
        "reason": "ขอให้ช่วยเรื่องสิทธิการรักษา",
        "due": due,
        "share_summary": "on",
        "send": "1",
    }
    assert sw.post(url, {**data, "reason": ""}).status_code == 200
    assert sw.post(url, data).status_code == 302
    r = Referral.objects.get()
    assert r.status == "sent" and Case.objects.get(pk=case.pk).status == "referred"
    assert r.number in sw.get(f"/cases/{case.number}/").content.decode()


def test_without_consent_the_send_keeps_a_draft(
    world: World, client_for, case: Case, directory: Directory
) -> None:  # type: ignore[no-untyped-def]
    sw = client_for("socialworker")
    due = "01/01/2600"
    r = sw.post(
        f"/cases/{case.number}/referrals/new/",
        {
            "service": str(directory.social_medicine.pk),
            "clients": [case.clients.get().pk],
            "reason": "x",
            "due": due,
            "send": "1",
        },
    )
    assert r.status_code == 200 and Referral.objects.get().status == "draft"


def test_the_partner_sees_only_what_was_shared(
    world: World, client_for, case: Case, make_referral, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    consent(world, case)
    sw = world["socialworker"]
    cases.case_update(
        actor=sw,
        access=acc(world, "socialworker", case),
        fields={"summary": "ยายอยู่ลำพัง"},
        expected_version=None,
    )
    shared_doc = cases.attachment_add(
        actor=sw,
        access=acc(world, "socialworker", case),
        kind="id_card",
        upload=SimpleUploadedFile("id.pdf", PDF),
    )
    cases.attachment_add(
        actor=sw,
        access=acc(world, "socialworker", case),
        kind="police_report",
        upload=SimpleUploadedFile("secret.pdf", PDF),
    )
    cases.note_add(
        actor=sw, access=acc(world, "socialworker", case), kind="contact", text="บันทึกภายในของศูนย์"
    )
    r = make_referral(documents=[shared_doc])
    partner = client_for("partner")
    inbox = partner.get("/referrals/").content.decode()
    assert r.number in inbox
    page = partner.get(f"/referrals/{r.pk}/").content.decode()
    assert "ยายอยู่ลำพัง" in page and "id.pdf" in page
    assert "secret.pdf" not in page and "บันทึกภายในของศูนย์" not in page
    assert partner.get(f"/referrals/{r.pk}/documents/{shared_doc.pk}/").status_code == 200
    secret = case.attachments.get(original_name="secret.pdf")
    assert partner.get(f"/referrals/{r.pk}/documents/{secret.pk}/").status_code == 404
    assert AuditEntry.objects.filter(
        action="referrals.document.downloaded", actor=world["partner"]
    ).exists()
    # The partner can never open the case itself.
    assert partner.get(f"/cases/{case.number}/").status_code == 403


def test_accept_and_report_through_the_page(
    world: World, client_for, case: Case, make_referral
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    r = make_referral()
    partner = client_for("partner")
    assert partner.post(f"/referrals/{r.pk}/", {"action": "accept"}).status_code == 302
    bad = partner.post(
        f"/referrals/{r.pk}/",
        {"action": "report", "outcome-completed": "1", "outcome-outcome": ""},
        follow=True,
    )
    assert bad.status_code == 200
    partner.post(
        f"/referrals/{r.pk}/",
        {"action": "report", "outcome-completed": "1", "outcome-outcome": "ช่วยเหลือแล้ว"},
    )
    r.refresh_from_db()
    assert r.status == "completed" and r.outcome == "ช่วยเหลือแล้ว"
    assert "ช่วยเหลือแล้ว" in client_for("socialworker").get(f"/cases/{case.number}/").content.decode()
    again = partner.post(f"/referrals/{r.pk}/", {"action": "accept"}, follow=True)
    assert again.status_code == 200  # refused with a message, not a 500


def test_another_organisation_gets_404(
    world: World, client_for, case: Case, make_referral, other_partner
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    r = make_referral()
    other = client_for("shelterstaff")
    assert r.number not in other.get("/referrals/").content.decode()
    assert other.get(f"/referrals/{r.pk}/").status_code == 404
    assert other.post(f"/referrals/{r.pk}/", {"action": "accept"}).status_code == 404


def test_roles_without_the_inbox_get_403(
    world: World, client_for, case: Case, make_referral
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    r = make_referral()
    for who in ("socialworker", "intake", "volunteer", "coordinator"):
        assert client_for(who).get("/referrals/").status_code == denied(who), who
        assert client_for(who).get(f"/referrals/{r.pk}/").status_code == denied(who), who
    for who, code in (("othersocialworker", 403), ("b_socialworker", 404), ("partner", 403)):
        assert client_for(who).get(f"/cases/{case.number}/referrals/new/").status_code == code, who
        assert (
            client_for(who)
            .post(f"/cases/{case.number}/referrals/{r.pk}/revoke/", {"reason": "x"})
            .status_code
            == code
        ), who
