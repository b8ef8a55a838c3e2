"""Ticket emails, sent in the background (django-tasks; db_worker runs them)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from django_tasks import task

from onestop.events.models import Registration
from onestop.events.tickets import qr_png
from onestop.thai.dates import format_datetime


@task()
def send_ticket(registration_id: int, what: str) -> bool:
    """confirmed | waitlisted | promoted. The QR (the ticket page's URL, nothing else) is
    attached as a PNG, so it shows without loading anything from the internet."""
    with scopes_disabled():
        reg = (
            Registration.objects.select_related("event__center").filter(pk=registration_id).first()
        )
    if reg is None or not reg.email or reg.status == Registration.Status.CANCELLED:
        return False
    from onestop.events.services import ticket_url

    event = reg.event
    with translation.override("th"):
        subject = {
            "confirmed": _("Your place: %(title)s"),
            "waitlisted": _("On the waitlist: %(title)s"),
            "promoted": _("A place is free for you: %(title)s"),
            "reminder": _("Tomorrow: %(title)s"),
        }[what] % {"title": event.title}
        lines = [
            _("Hello %(name)s,") % {"name": reg.name},
            "",
            event.title,
            format_datetime(event.starts_at),
            event.place or event.online_url,
            "",
        ]
        if reg.status == Registration.Status.WAITLISTED:
            lines.append(_("The event is full. We will email you if a place frees up."))
        else:
            lines.append(_("Show the QR code in this email (or on your ticket page) at the door."))
            lines.append(
                _("Code for typing at the door: %(code)s")
                % {"code": f"{reg.door_code[:3]}-{reg.door_code[3:]}"}
            )
        lines += [
            "",
            _("Your ticket: %(url)s") % {"url": ticket_url(reg)},
            "",
            event.center.name_th,
        ]
    message = EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [reg.email])
    if reg.status == Registration.Status.CONFIRMED:
        message.attach("ticket-qr.png", qr_png(ticket_url(reg)), "image/png")
    message.send()
    return True
