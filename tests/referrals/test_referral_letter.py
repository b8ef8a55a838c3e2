"""The official referral letter: numbered per center and fiscal year, issued once, laid out in
Sarabun with Thai shaped (rendered to an image to look at), downloadable by the partner."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
from django.utils import timezone

from onestop.audit.models import AuditEntry
from onestop.cases.models import Case
from onestop.referrals.models import ReferralLetter
from onestop.thai.dates import fiscal_year
from tests.conftest import World
from tests.directory.conftest import Directory
from tests.referrals.conftest import consent


def thai_letters(text: str) -> str:
    return "".join(
        ch for ch in text if unicodedata.category(ch)[0] == "L" and "\u0e00" <= ch <= "\u0e7f"
    )


def _issue(client, case: Case, referral, **over: str):  # type: ignore[no-untyped-def]
    data = {
        "subject": "ขอส่งต่อผู้รับบริการ",
        "recipient": "ผู้อำนวยการโรงพยาบาลธรรมศาสตร์",
        "body": "ด้วยศูนย์ได้รับเรื่องขอความช่วยเหลือ\nจึงเรียนมาเพื่อโปรดพิจารณา",
        "signer_name": "นางกนกวรรณ ศรีสุข",
        "signer_position": "หัวหน้าศูนย์ช่วยเหลือสังคม",
        **over,
    }
    return client.post(f"/cases/{case.number}/referrals/{referral.pk}/letter/", data)


def test_letters_are_numbered_per_center_and_fiscal_year(
    world: World, client_for, case: Case, make_referral, directory: Directory
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    first, second = make_referral(), make_referral(service=directory.shelter_service)
    sw = client_for("socialworker")
    form = sw.get(f"/cases/{case.number}/referrals/{first.pk}/letter/").content.decode()
    assert "ผู้อำนวยการ" in form  # pre-filled from the referral
    assert _issue(sw, case, first).status_code == 302
    assert _issue(sw, case, second).status_code == 302
    fy = fiscal_year(timezone.localdate())
    assert [x.number for x in ReferralLetter.objects.order_by("pk")] == [
        f"TU 0001/{fy}",
        f"TU 0002/{fy}",
    ]
    # Issued once: a second issue is refused and the number stays.
    _issue(sw, case, first, subject="อื่น")
    assert ReferralLetter.objects.get(referral=first).subject == "ขอส่งต่อผู้รับบริการ"


def test_a_draft_gets_no_letter_and_blanks_are_refused(
    world: World, client_for, case: Case, make_referral
) -> None:  # type: ignore[no-untyped-def]
    draft = make_referral(send=False)
    sw = client_for("socialworker")
    assert _issue(sw, case, draft).status_code == 200 and not ReferralLetter.objects.exists()
    consent(world, case)
    sent = make_referral()
    assert (
        _issue(sw, case, sent, body=" ").status_code == 200 and not ReferralLetter.objects.exists()
    )


def test_the_letter_pdf_in_thai_looked_at_as_an_image(
    world: World, client_for, case: Case, make_referral, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    referral = make_referral()
    sw = client_for("socialworker")
    _issue(sw, case, referral)
    response = sw.get(f"/cases/{case.number}/referrals/{referral.pk}/letter.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    doc = pdfium.PdfDocument(response.content)
    text = thai_letters(doc[0].get_textpage().get_text_range())
    for expected in ("เรื่อง", "ขอส่งต่อผู้รับบริการ", "เรียน", "ขอแสดงความนับถือ", "หัวหน้าศูนย์ช่วยเหลือสังคม"):
        assert thai_letters(expected) in text, expected
    image = doc[0].render(scale=1.5).to_pil()
    out = Path(tmp_path) / "referral-letter.png"
    image.save(out)
    gray = image.convert("L")
    dark = sum(gray.histogram()[:100]) / (gray.size[0] * gray.size[1])
    assert 0.001 < dark < 0.1
    assert AuditEntry.objects.filter(
        action="referrals.letter.downloaded", actor=world["socialworker"]
    ).exists()
    # The receiving partner downloads it too; another organisation cannot.
    assert client_for("partner").get(f"/referrals/{referral.pk}/letter.pdf").status_code == 200


def test_only_case_workers_issue_letters(
    world: World, client_for, case: Case, make_referral, other_partner
) -> None:  # type: ignore[no-untyped-def]
    consent(world, case)
    referral = make_referral()
    assert (
        client_for("othersocialworker")
        .get(f"/cases/{case.number}/referrals/{referral.pk}/letter/")
        .status_code
        == 403
    )
    assert (
        client_for("b_socialworker")
        .get(f"/cases/{case.number}/referrals/{referral.pk}/letter/")
        .status_code
        == 404
    )
    _issue(client_for("socialworker"), case, referral)
    assert client_for("shelterstaff").get(f"/referrals/{referral.pk}/letter.pdf").status_code == 404
