"""Background work for intake: LINE replies and status messages, and the escalation sweep."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from django_tasks import task

from onestop.intake.models import HelpRequest


def _messaging_api():  # type: ignore[no-untyped-def]
    from linebot.v3.messaging import ApiClient, Configuration, MessagingApi

    configuration = Configuration(access_token=settings.LINE_CHANNEL_ACCESS_TOKEN)
    return MessagingApi(ApiClient(configuration))


@task()
def line_reply(reply_token: str, texts: list[str]) -> None:
    """Answer a LINE message. Runs in the worker so the webhook returns at once."""
    from linebot.v3.messaging import ReplyMessageRequest, TextMessage

    if not settings.LINE_CHANNEL_ACCESS_TOKEN:
        return
    _messaging_api().reply_message(
        ReplyMessageRequest(
            replyToken=reply_token, messages=[TextMessage(text=t[:5000]) for t in texts[:5]]
        )
    )


@task()
def line_push_status(request_id: int) -> bool:
    """Tell a LINE reporter their request's new status, in plain Thai, with no personal data.

    Checked again here, not only when enqueued: the reporter may have said in the meantime
    that contact is not safe (an abuser may hold the phone)."""
    from linebot.v3.messaging import PushMessageRequest, TextMessage

    with scopes_disabled():
        request = HelpRequest.objects.filter(pk=request_id).first()
    if request is None or not request.line_user_id or not request.safe_to_contact:
        return False
    if not settings.LINE_CHANNEL_ACCESS_TOKEN:
        return False
    with translation.override("th"):
        text = _("Request %(ref)s: %(status)s") % {
            "ref": request.reference,
            "status": request.get_status_display(),
        }
    _messaging_api().push_message(
        PushMessageRequest(to=request.line_user_id, messages=[TextMessage(text=text)])
    )
    return True


@task()
def escalate_overdue() -> int:
    """One sweep for every deadline: requests without a first contact, cases without a worker,
    referrals without an answer."""
    from onestop.cases.services import cases_escalate
    from onestop.intake.services import help_requests_escalate
    from onestop.referrals.services import referrals_escalate

    with scopes_disabled():
        return help_requests_escalate() + cases_escalate() + referrals_escalate()
