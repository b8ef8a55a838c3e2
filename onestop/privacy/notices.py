"""The privacy notices (PDPA s.23), one per audience, each with its version and a spoken script
for hotline and counter staff. Every collection point shows its audience's notice and stores
the version with what it collects (help requests, volunteer applications, event
registrations, research projects). A new wording gets a new version here."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RIGHTS = _(
    "Your rights: to see, correct or ask us to delete your data, under the Personal Data "
    "Protection Act B.E. 2562. Contact the center."
)


@dataclass(frozen=True)
class Notice:
    audience: str
    title: Promise
    version: str
    points: tuple[Promise, ...]
    script: Promise  # what staff say on the phone or at the counter, in plain words


NOTICES: dict[str, Notice] = {
    n.audience: n
    for n in (
        Notice(
            "reporter",
            _("When you ask for help"),
            "2568-1",
            (
                _(
                    "Purpose: to help the person you tell us about, and to contact you if you allow it."
                ),
                _(
                    "Who sees it: the center's staff, and the agencies we refer the case to when that is needed to help."
                ),
                _(
                    "How long: as long as the case needs it and the law requires, then it is deleted or anonymised."
                ),
                _(
                    "Your rights: to see, correct or ask us to delete your data, under the Personal Data Protection Act B.E. 2562. Call 1300 or contact the center."
                ),
            ),
            _(
                "Before we go on: what you tell me is kept by the center to help the person "
                "you are calling about, and to call you back if you allow it. Only the center's "
                "staff, and the agencies we ask to help, will see it. You may stay anonymous, "
                "and you may ask us later to see, correct or delete it."
            ),
        ),
        Notice(
            "client",
            _("When the center opens a case for you"),
            "2569-1",
            (
                _(
                    "Purpose: to assess what you need, plan the help with you, refer you to agencies and follow up."
                ),
                _(
                    "Who sees it: the social workers of your case and their supervisors; an agency we refer you to sees only what it needs, and only with your consent or where the law allows."
                ),
                _(
                    "How long: while your case is open, then for the period the center's retention schedule sets; then it is anonymised."
                ),
                RIGHTS,
            ),
            _(
                "The center keeps what you tell us, including about your health, so that we can "
                "help you. The social workers on your case will see it, and an agency we refer "
                "you to will see only what it needs. You can ask to see it, to correct it, or "
                "to stop, at any time."
            ),
        ),
        Notice(
            "volunteer",
            _("When you apply to volunteer"),
            "2569-1",
            (
                _(
                    "Purpose: to register you as a volunteer, issue your ID card, send you on visits and count your volunteer hours."
                ),
                _(
                    "Who sees it: the center's volunteer coordinators and, for the area you serve, the social workers who ask for visits. The public verify page shows only your masked name, photo and type."
                ),
                _(
                    "How long: while you are a volunteer and for the period the law requires after; a rejected application is deleted after one year."
                ),
                RIGHTS,
            ),
            _(
                "We keep your details to register you, make your card and send you on visits. "
                "Coordinators see them; anyone who checks your card sees only your masked name "
                "and photo."
            ),
        ),
        Notice(
            "event",
            _("When you register for an event"),
            "2569-1",
            (
                _(
                    "Purpose: to keep your place, send your ticket, let you in at the door and issue your certificate."
                ),
                _(
                    "Who sees it: the center's event organisers. Partners see only numbers, never your name."
                ),
                _(
                    "How long: one year after the event, then it is deleted; certificates stay verifiable."
                ),
                RIGHTS,
            ),
            _(
                "Your name and contact are kept to hold your place and send your ticket, and "
                "deleted a year after the event."
            ),
        ),
        Notice(
            "researcher",
            _("When you submit a research project"),
            "2569-1",
            (
                _("Purpose: to decide on your project and to record who received which extract."),
                _("Who sees it: the center administrator and the data protection officer."),
                _("How long: for the project and three years after its ethics approval ends."),
                RIGHTS,
            ),
            _(
                "Your name and your project's details are kept to decide on it and to record "
                "every extract you receive."
            ),
        ),
    )
}


def version(audience: str) -> str:
    return NOTICES[audience].version
