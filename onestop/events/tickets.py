"""The event ticket's QR and the attendance certificate (Thai, Sarabun, with a QR to verify)."""

from __future__ import annotations

import io
from typing import Any

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
        return _certificate(
            center=event.center.name_th,
            heading=_("Certificate of attendance"),
            name=reg.name,
            verb=_("took part in"),
            what=event.title,
            detail=f"{format_date(event.starts_at.date(), 'long')} · {event.place or event.online_url}",
            signer=event.organiser,
            url=certificate_url(reg),
        )


def render_course_certificate(enrollment: Any) -> bytes:
    from onestop.events.courses import certificate_url as course_url

    course = enrollment.course
    with override("th"):
        return _certificate(
            center=course.center.name_th,
            heading=_("Course certificate"),
            name=enrollment.display_name,
            verb=_("has completed the course"),
            what=f"{course.code} {course.title}",
            detail=_("%(hours)s hours · completed on %(date)s")
            % {
                "hours": f"{course.hours.normalize():f}",
                "date": format_date(enrollment.completed_on, "long"),
            },
            signer=course.center.name_th,
            url=course_url(enrollment),
        )


def _certificate(
    *,
    center: str,
    heading: str,
    name: str,
    verb: str,
    what: str,
    detail: str,
    signer: str,
    url: str,
) -> bytes:
    pdf = _new_pdf("A4", orientation="L")
    pdf.add_page()
    w, h = pdf.w, pdf.h
    pdf.set_draw_color(*BAND)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, w - 20, h - 20)
    _text(pdf, 20, 28, w - 40, 10, center, 16, True, "C", BAND)
    _text(pdf, 20, 45, w - 40, 14, heading, 26, True, "C")
    _text(pdf, 20, 68, w - 40, 8, _("This certifies that"), 14, align="C")
    _text(pdf, 20, 80, w - 40, 12, name, 22, True, "C")
    _text(pdf, 20, 97, w - 40, 8, verb, 14, align="C")
    _text(pdf, 20, 107, w - 40, 10, what, 18, True, "C")
    _text(pdf, 20, 121, w - 40, 8, detail, 13, align="C")
    _text(pdf, 20, 150, w - 40, 7, signer, 13, align="C")
    pdf.image(io.BytesIO(_qr_png(url)), x=w - 52, y=h - 58, w=32, h=32)
    _text(pdf, w - 62, h - 25, 52, 5, _("Scan to verify"), 9, align="C")
    return bytes(pdf.output())
