"""The self-check's printable summary as a PDF (Sarabun, Thai shaped). Built from the answers
in the request and never stored."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from fpdf import FPDF

from onestop.cases.pdf import FONT_DIR, breakable
from onestop.thai.dates import format_date
from onestop.welfare import engine


def render(groups: list[tuple[str, list[engine.Result]]], as_of: dt.date) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title("OneStop")
    pdf.add_font("Sarabun", "", str(FONT_DIR / "Sarabun-Regular.ttf"))
    pdf.add_font("Sarabun", "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
    pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()

    def line(text: str, size: int = 12, bold: bool = False) -> None:
        pdf.set_font("Sarabun", "B" if bold else "", size)
        pdf.multi_cell(0, size * 0.55, breakable(text), align="L", new_x="LMARGIN", new_y="NEXT")

    line(_("Welfare you may be entitled to"), 18, True)
    line(
        _("Checked on %(date)s. This is a guide: the paying agency decides.")
        % {"date": format_date(as_of, "long")},
        11,
    )
    for title, results in groups:
        if not results:
            continue
        pdf.ln(3)
        line(title, 14, True)
        for r in results:
            amount = ""
            if r.amount_baht is not None:
                amount = f" · {r.amount_baht:,.0f} " + (
                    _("baht a month") if r.period == "month" else _("baht")
                )
            line(f"{r.name}{amount}", 12, True)
            for reason in r.reasons:
                mark = {"met": "✓", "not_met": "✗", "unknown": "?"}[reason.state]
                line(f"   {mark} {reason.text}", 11)
            if r.status != engine.NOT_ELIGIBLE:
                line(f"   {_('How to apply')}: {r.how_to_apply}", 11)
                if r.documents:
                    line(f"   {_('Documents to bring')}: {', '.join(r.documents)}", 11)
                line(f"   {_('Paid by')}: {r.agency}", 11)
    pdf.ln(4)
    line(_("Questions? Call the hotline 1300, or ask a OneStop center."), 11)
    return bytes(pdf.output())
