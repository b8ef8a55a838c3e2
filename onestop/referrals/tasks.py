"""Telling a client who came by LINE that their case was referred, and that the help came.

Only when the case's consent is explicit consent, the client's safe-contact preferences say
LINE is safe, and the reporter did not say contact is unsafe. The message names the
organisation, never the problem."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from django_tasks import task

from onestop.cases.models import Consent, LawfulBasis
from onestop.cases.services import contact_allowed
from onestop.intake.models import HelpRequest
from onestop.referrals.models import Referral


def line_targets(referral: Referral) -> list[str]:
    """The LINE user ids this referral may be told to (empty when any condition fails)."""
    with scopes_disabled():
        case = referral.case
        consent = Consent.objects.filter(case=case).first()
        if consent is None or consent.lawful_basis != LawfulBasis.CONSENT:
            return []
        if not any(contact_allowed(c, "line") for c in referral.clients.all()):
            return []
        return sorted(
            set(
                case.requests.filter(channel=HelpRequest.Channel.LINE, safe_to_contact=True)
                .exclude(line_user_id="")
                .values_list("line_user_id", flat=True)
            )
        )


def message(referral: Referral) -> str:
    with translation.override("th"):
        if referral.status == Referral.Status.COMPLETED:
            return _("%(org)s reported that the help was given. Thank you for telling us.") % {
                "org": referral.organization.name_th
            }
        return _("We asked %(org)s to help. They will contact you or the center will.") % {
            "org": referral.organization.name_th
        }


@task()
def line_push_referral(referral_id: int) -> int:
    """Checked again when it runs: the client may have said LINE is no longer safe."""
    from linebot.v3.messaging import PushMessageRequest, TextMessage

    with scopes_disabled():
        referral = (
            Referral.objects.select_related("case", "organization").filter(pk=referral_id).first()
        )
    if referral is None:
        return 0
    targets = line_targets(referral)
    if not targets or not settings.LINE_CHANNEL_ACCESS_TOKEN:
        return 0
    from onestop.intake.tasks import _messaging_api

    api = _messaging_api()
    text = message(referral)
    for user_id in targets:
        api.push_message(PushMessageRequest(to=user_id, messages=[TextMessage(text=text)]))
    return len(targets)
