"""The volunteer-hours certificate (หนังสือรับรองชั่วโมงจิตอาสา): A4 landscape, Thai, Sarabun,
with a QR that opens /v/hours/<token>."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from onestop.thai.dates import format_date
from onestop.volunteers.cards import BAND, _new_pdf, _qr_png, _text
from onestop.volunteers.models import HoursCertificate


def verify_url(cert: HoursCertificate) -> str:
    return f"{settings.SITE_URL}/v/hours/{cert.token}"


def render(cert: HoursCertificate) -> bytes:
    v = cert.volunteer
    with override("th"):
        pdf = _new_pdf("A4", orientation="L")
        pdf.add_page()
        w, h = pdf.w, pdf.h
        pdf.set_draw_color(*BAND)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, w - 20, h - 20)
        _text(pdf, 20, 28, w - 40, 10, v.center.name_th, 16, True, "C", BAND)
        _text(pdf, 20, 45, w - 40, 14, _("Certificate of volunteer hours"), 26, True, "C")
        _text(pdf, 20, 68, w - 40, 8, _("This certifies that"), 14, align="C")
        _text(pdf, 20, 80, w - 40, 12, v.full_name, 22, True, "C")
        _text(pdf, 20, 95, w - 40, 8, f"{v.type.name_th} · {v.registration_number}", 13, align="C")
        period = _("gave %(hours)s hours of volunteer work from %(start)s to %(end)s") % {
            "hours": f"{cert.total_hours.normalize():f}",
            "start": format_date(cert.start, "long"),
            "end": format_date(cert.end, "long"),
        }
        _text(pdf, 20, 110, w - 40, 10, period, 16, align="C")
        _text(
            pdf,
            20,
            125,
            w - 40,
            8,
            _("Issued on %(date)s") % {"date": format_date(cert.created.date(), "long")},
            13,
            align="C",
        )
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.3)
        pdf.line(w / 2 - 45, 160, w / 2 + 45, 160)
        name = cert.issued_by.get_full_name() or cert.issued_by.get_username()
        _text(pdf, 20, 162, w - 40, 7, f"({name})", 12, align="C")
        _text(pdf, 20, 169, w - 40, 7, _("Volunteer coordinator"), 12, align="C")
        pdf.image(io.BytesIO(_qr_png(verify_url(cert))), x=w - 52, y=h - 58, w=32, h=32)
        _text(pdf, w - 62, h - 25, 52, 5, _("Scan to verify"), 9, align="C")
        return bytes(pdf.output())
