"""The receipt for a cash donation (ใบเสร็จรับเงิน): Thai, Sarabun, numbered per center and
fiscal year, with the amount in words (PyThaiNLP's bahttext)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import override
from pythainlp.util import bahttext

from onestop.giving.models import Donation
from onestop.thai.dates import format_date
from onestop.volunteers.cards import BAND, _new_pdf, _text


def render(donation: Donation) -> bytes:
    partner = donation.partner
    center = partner.center
    amount = donation.amount or 0
    with override("th"):
        pdf = _new_pdf("A4")
        pdf.add_page()
        w = pdf.w
        _text(pdf, 20, 20, w - 40, 9, center.name_th, 15, True, "C", BAND)
        if center.address_line:
            _text(pdf, 20, 29, w - 40, 6, center.address_line, 11, align="C")
        _text(pdf, 20, 42, w - 40, 11, _("Receipt"), 22, True, "C")
        _text(pdf, 20, 60, 90, 7, f"{_('Number')}: {donation.receipt_number}", 12)
        _text(
            pdf,
            w - 110,
            60,
            90,
            7,
            f"{_('Date')}: {format_date(donation.received_on, 'long')}",
            12,
            align="R",
        )
        _text(pdf, 20, 76, w - 40, 7, _("Received from"), 12, color=(90, 90, 90))
        _text(pdf, 20, 83, w - 40, 8, partner.name, 14, True)
        pdf.set_draw_color(*BAND)
        pdf.rect(20, 98, w - 40, 30)
        _text(pdf, 25, 101, w - 50, 7, _("Donation to the center's social assistance work"), 12)
        _text(pdf, 25, 110, w - 50, 9, f"{amount:,.2f} {_('baht')}", 16, True, "R")
        _text(pdf, 25, 119, w - 50, 7, f"({bahttext(float(amount))})", 12, align="R")
        _text(pdf, 20, 134, w - 40, 7, f"{_('Paid by')}: {donation.get_method_display()}", 12)
        pdf.set_draw_color(0, 0, 0)
        pdf.line(w - 95, 170, w - 25, 170)
        name = donation.recorded_by.get_full_name() or donation.recorded_by.get_username()
        _text(pdf, w - 100, 172, 80, 6, f"({name})", 11, align="C")
        _text(pdf, w - 100, 178, 80, 6, _("Received by"), 11, align="C")
        return bytes(pdf.output())
