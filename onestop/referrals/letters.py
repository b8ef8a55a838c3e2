"""The official referral letter (หนังสือประสานส่งต่อ): numbered per center and fiscal year,
laid out like a Thai government external letter (หนังสือภายนอก) and set in Sarabun, shaped.

The Garuda emblem is left as an empty slot at the top: a center prints on its own letterhead or
adds the emblem it is entitled to use.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.audit.services import audit_log
from onestop.cases.access import CaseAccess
from onestop.cases.pdf import FONT_DIR, breakable
from onestop.core.numbering import bump
from onestop.referrals.models import LetterCounter, Referral, ReferralLetter
from onestop.thai.dates import fiscal_year, format_date

MAX_BODY = 6000


def _next_number(center_id: int, code: str, fy: int) -> str:
    """Sequential per center and fiscal year, e.g. TU 0042/2570."""
    return f"{code.upper()} {bump(LetterCounter, center_id=center_id, fiscal_year=fy):04d}/{fy}"


def default_text(referral: Referral) -> dict[str, str]:
    clients = ", ".join(c.person.full_name for c in referral.clients.select_related("person"))
    return {
        "subject": f"ขอส่งต่อผู้รับบริการเพื่อรับบริการ{referral.service.name_th}",
        "recipient": f"ผู้อำนวยการ{referral.organization.name_th}",
        "body": (
            f"ด้วย{referral.center.name_th} ได้รับเรื่องขอความช่วยเหลือของ {clients} "
            f"ซึ่งต้องการ{referral.service.name_th}\n\n{referral.reason}\n\n"
            "จึงเรียนมาเพื่อโปรดพิจารณาให้ความช่วยเหลือตามที่เห็นสมควร "
            "และโปรดแจ้งผลการช่วยเหลือให้ศูนย์ทราบด้วย จะขอบคุณยิ่ง"
        ),
    }


@transaction.atomic
def letter_issue(
    *,
    actor: User,
    access: CaseAccess,
    referral: Referral,
    subject: str,
    recipient: str,
    body: str,
    signer_name: str,
    signer_position: str,
) -> ReferralLetter:
    """Number and keep the letter. A referral has one letter; issuing again is refused."""
    if not actor.can("can_refer") or not access.full or referral.case_id != access.case.pk:
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    for name, value in (
        ("subject", subject),
        ("recipient", recipient),
        ("body", body),
        ("signer_name", signer_name),
        ("signer_position", signer_position),
    ):
        if not value.strip():
            errors[name] = [_("This field is required.")]
    if len(body) > MAX_BODY:
        errors["body"] = [_("Keep this under %(n)s characters.") % {"n": f"{MAX_BODY:,}"}]
    if ReferralLetter.objects.filter(referral=referral).exists():
        errors["subject"] = [_("This referral already has its letter.")]
    if referral.status == Referral.Status.DRAFT:
        errors["subject"] = [_("Send the referral before issuing its letter.")]
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    fy = fiscal_year(today)
    letter = ReferralLetter.objects.create(
        referral=referral,
        number=_next_number(referral.center_id, referral.center.code, fy),
        fiscal_year=fy,
        date=today,
        subject=subject.strip()[:300],
        recipient=recipient.strip()[:300],
        body=body.strip(),
        enclosures=[
            f"{d.get_kind_display()} ({d.original_name})" for d in referral.documents.all()
        ],
        signer_name=signer_name.strip()[:200],
        signer_position=signer_position.strip()[:200],
        issued_by=actor,
    )
    audit_log(
        action="referrals.letter.issued", actor=actor, obj=referral, data={"number": letter.number}
    )
    return letter


def render(letter: ReferralLetter) -> bytes:
    """A4, margins of a Thai official letter (3 cm left, 2 cm right), 16 pt Sarabun."""
    from fpdf import FPDF

    referral = letter.referral
    center = referral.center
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(letter.number)
    pdf.add_font("Sarabun", "", str(FONT_DIR / "Sarabun-Regular.ttf"))
    pdf.add_font("Sarabun", "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
    pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    pdf.set_margins(30, 15, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    # The emblem slot: 3 cm high, centred (left empty on purpose).
    pdf.set_draw_color(190, 190, 190)
    pdf.set_dash_pattern(dash=1, gap=1)
    pdf.rect(x=(210 - 25) / 2, y=12, w=25, h=30)
    pdf.set_dash_pattern()
    pdf.set_font("Sarabun", "", 16)
    pdf.set_xy(30, 46)
    pdf.cell(80, 8, f"ที่ {letter.number}")
    address = center.name_th
    if center.address_line:
        address += f"\n{center.address_line}"
    pdf.set_xy(120, 46)
    pdf.multi_cell(70, 8, breakable(address), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_x(105)
    pdf.cell(0, 8, format_date(letter.date, "long"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    def labelled(label: str, text: str) -> None:
        pdf.set_font("Sarabun", "", 16)
        pdf.cell(22, 8, label)
        pdf.multi_cell(0, 8, breakable(text), align="L", new_x="LMARGIN", new_y="NEXT")

    labelled("เรื่อง", letter.subject)
    pdf.ln(1)
    labelled("เรียน", letter.recipient)
    if letter.enclosures:
        pdf.ln(1)
        pdf.cell(30, 8, "สิ่งที่ส่งมาด้วย")
        pdf.multi_cell(
            0,
            8,
            breakable("\n".join(f"{i}. {e}" for i, e in enumerate(letter.enclosures, 1))),
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(4)
    for paragraph in letter.body.split("\n"):
        if paragraph.strip():
            # The first line of each paragraph is indented 2.5 cm, as official letters are.
            pdf.multi_cell(
                0,
                8,
                breakable("\u2003\u2003\u2003\u2003" + paragraph.strip()),
                align="L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    pdf.ln(10)
    pdf.set_x(105)
    pdf.cell(0, 8, "ขอแสดงความนับถือ", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(18)
    pdf.set_x(95)
    pdf.cell(80, 8, f"({letter.signer_name})", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(95)
    pdf.multi_cell(
        80, 8, breakable(letter.signer_position), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(12)
    pdf.set_font("Sarabun", "", 14)
    pdf.multi_cell(
        0,
        7,
        breakable(f"{center.name_th}\nโทร. {center.phone or '-'}\nอ้างอิง {referral.number}"),
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
