"""The event ticket's QR and the attendance certificate (Thai, Sarabun, with a QR to verify)."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from onestop.events.models import Registration
from onestop.thai.dates import format_date
from onestop.volunteers.cards import BAND, _new_pdf, _qr_png, _text


def qr_png(url: str) -> bytes:
    return _qr_png(url)


def certificate_url(reg: Registration) -> str:
    return f"{settings.SITE_URL}/events/c/{reg.token}/"


def render_certificate(reg: Registration) -> bytes:
    event = reg.event
    with override("th"):
        pdf = _new_pdf("A4", orientation="L")
        pdf.add_page()
        w, h = pdf.w, pdf.h
        pdf.set_draw_color(*BAND)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, w - 20, h - 20)
        _text(pdf, 20, 28, w - 40, 10, event.center.name_th, 16, True, "C", BAND)
        _text(pdf, 20, 45, w - 40, 14, _("Certificate of attendance"), 26, True, "C")
        _text(pdf, 20, 68, w - 40, 8, _("This certifies that"), 14, align="C")
        _text(pdf, 20, 80, w - 40, 12, reg.name, 22, True, "C")
        _text(pdf, 20, 97, w - 40, 8, _("took part in"), 14, align="C")
        _text(pdf, 20, 107, w - 40, 10, event.title, 18, True, "C")
        when = format_date(event.starts_at.date(), "long")
        _text(pdf, 20, 121, w - 40, 8, f"{when} · {event.place or event.online_url}", 13, align="C")
        _text(pdf, 20, 150, w - 40, 7, event.organiser, 13, align="C")
        pdf.image(io.BytesIO(_qr_png(certificate_url(reg))), x=w - 52, y=h - 58, w=32, h=32)
        _text(pdf, w - 62, h - 25, 52, 5, _("Scan to verify"), 9, align="C")
        return bytes(pdf.output())
