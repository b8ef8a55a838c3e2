"""LINE Messaging API intake: a short guided conversation in Thai that creates a help request.

Steps: what happened → where → may we contact you on LINE → the request is created and the
reporter gets the reference and tracking code. "สถานะ" at any time asks for the status of the
latest request. Replies go out through a task (tasks.line_reply).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from onestop.centers.models import Center
from onestop.intake.models import HelpRequest, LineConversation
from onestop.intake.services import HelpRequestInput, help_request_submit
from onestop.intake.tasks import line_reply
from onestop.privacy import notices

STATUS_WORDS = {"สถานะ", "status", "ติดตาม", "ติดตามเรื่อง"}
CANCEL_WORDS = {"ยกเลิก", "cancel"}
YES_WORDS = {"ได้", "ใช่", "ติดต่อได้", "yes", "ok", "โอเค", "ได้ค่ะ", "ได้ครับ"}
NO_WORDS = {"ไม่ได้", "ไม่", "ไม่สะดวก", "ห้ามติดต่อ", "no", "ไม่ปลอดภัย"}
MIN_DESCRIPTION = 10


def line_center() -> Center:
    code = settings.LINE_CENTER_CODE
    qs = Center.objects.filter(is_active=True)
    return (qs.filter(code=code).first() if code else None) or qs.order_by("pk").first()  # type: ignore[return-value]


def handle_text(*, user_id: str, text: str, reply_token: str) -> list[str]:
    """Advance the conversation by one message; returns the replies (also sent by a task)."""
    with translation.override("th"), scopes_disabled():
        replies = _advance(user_id, (text or "").strip()[:2000])
    if reply_token:
        transaction.on_commit(lambda: line_reply.enqueue(reply_token, replies))
    return replies


@transaction.atomic
def _advance(user_id: str, text: str) -> list[str]:
    convo, _created = LineConversation.objects.select_for_update().get_or_create(
        line_user_id=user_id, defaults={"center": line_center()}
    )
    word = text.lower()
    if word in STATUS_WORDS:
        return [_status_reply(convo)]
    if word in CANCEL_WORDS:
        convo.step, convo.data = LineConversation.Step.START, {}
        convo.save(update_fields=["step", "data", "updated"])
        return [_("Cancelled. Send a message any time to start again.")]
    step = convo.step
    if step in (LineConversation.Step.START, LineConversation.Step.DONE):
        if len(text) >= MIN_DESCRIPTION:
            convo.data = {"description": text}
            convo.step = LineConversation.Step.WHERE
            convo.save(update_fields=["step", "data", "updated"])
            return [
                _(
                    "Thank you. Where is this happening? Give the sub-district, district and province, or a place name."
                )
            ]
        convo.step, convo.data = LineConversation.Step.WHAT, {}
        convo.save(update_fields=["step", "data", "updated"])
        return [
            _(
                "This is the Social Assistance Center. Please tell us what is happening and who needs help."
            ),
            _("In an emergency call 191 (police) or 1669 (medical) now."),
        ]
    if step == LineConversation.Step.WHAT:
        if len(text) < MIN_DESCRIPTION:
            return [_("Please tell us a little more about what is happening.")]
        convo.data = {"description": text}
        convo.step = LineConversation.Step.WHERE
        convo.save(update_fields=["step", "data", "updated"])
        return [
            _(
                "Thank you. Where is this happening? Give the sub-district, district and province, or a place name."
            )
        ]
    if step == LineConversation.Step.WHERE:
        convo.data = {**convo.data, "place": text[:300]}
        convo.step = LineConversation.Step.CONTACT
        convo.save(update_fields=["step", "data", "updated"])
        return [
            _(
                "May we contact you on this LINE account about this request? Answer ได้ (yes) or ไม่ได้ (no). Say ไม่ได้ if someone else may read your messages."
            )
        ]
    # CONTACT
    if word in YES_WORDS:
        safe = True
    elif word in NO_WORDS:
        safe = False
    else:
        return [_("Please answer ได้ (yes) or ไม่ได้ (no).")]
    result = help_request_submit(
        center=convo.center,
        data=HelpRequestInput(
            description=convo.data.get("description", ""),
            channel=HelpRequest.Channel.LINE,
            address_text=convo.data.get("place", ""),
            safe_to_contact=safe,
            line_user_id=convo.line_user_id,
            notice_version=notices.version("reporter"),
        ),
    )
    convo.step, convo.data, convo.last_request = LineConversation.Step.DONE, {}, result.request
    convo.save(update_fields=["step", "data", "last_request", "updated"])
    replies = [
        _("We have received your request. Reference: %(ref)s Tracking code: %(code)s")
        % {
            "ref": result.request.reference,
            "code": result.tracking_code,
        },
        _("Keep both to check the status at %(url)s or send สถานะ here.")
        % {"url": f"{settings.SITE_URL}/help/status/"},
    ]
    if not safe:
        replies.append(_("We will not send you messages here. Call 1300 at any time to follow up."))
    return replies


def _status_reply(convo: LineConversation) -> str:
    request = convo.last_request
    if request is None:
        return _(
            "We have no request from this LINE account yet. Tell us what is happening to start one."
        )
    if not request.safe_to_contact:
        # The reporter asked us not to send anything here: someone else may be reading.
        return _(
            "For your safety we do not give the status here. Call 1300, or use the status page with your code."
        )
    if request.merged_into is not None:
        request = request.merged_into
    return _("Request %(ref)s: %(status)s") % {
        "ref": request.reference,
        "status": request.get_status_display(),
    }
