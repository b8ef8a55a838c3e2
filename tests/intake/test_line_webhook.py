"""LINE: signature checks, the guided conversation, replies through a task, safe contact."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from unittest import mock

import pytest
from django.test import Client, override_settings

from onestop.intake.models import Category, HelpRequest
from onestop.intake.services import help_request_triage
from tests.conftest import World

SECRET = "test-channel-secret"


@pytest.fixture(autouse=True)
def _line_configured(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LINE_CHANNEL_SECRET = SECRET
    settings.LINE_CHANNEL_ACCESS_TOKEN = "test-token"


def _event(text: str, user: str = "U1234567890abcdef", token: str = "reply-1") -> dict:  # type: ignore[type-arg]
    return {
        "type": "message",
        "mode": "active",
        "timestamp": 1732500000000,
        "webhookEventId": "01H00000000000000000000000",
        "deliveryContext": {"isRedelivery": False},
        "source": {"type": "user", "userId": user},
        "replyToken": token,
        "message": {"id": "1", "type": "text", "quoteToken": "q", "text": text},
    }


def _sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def _send(client: Client, *events: dict, secret: str = SECRET):  # type: ignore[type-arg,no-untyped-def]
    body = json.dumps({"destination": "Ubot", "events": list(events)}).encode()
    return client.post(
        "/integrations/line/webhook",
        body,
        content_type="application/json",
        HTTP_X_LINE_SIGNATURE=_sign(body, secret),
    )


@pytest.fixture
def line_api():  # type: ignore[no-untyped-def]
    """Only the outbound HTTP calls to LINE are replaced."""
    with (
        mock.patch("linebot.v3.messaging.MessagingApi.reply_message") as reply,
        mock.patch("linebot.v3.messaging.MessagingApi.push_message") as push,
    ):
        yield reply, push


def _texts(call) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.text for m in call.args[0].messages]


def test_a_forged_signature_is_400_and_does_nothing(client: Client, world: World, line_api) -> None:  # type: ignore[no-untyped-def]
    response = _send(client, _event("ช่วยด้วย มีคนทำร้ายร่างกาย"), secret="not-our-secret")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_signature"
    line_api[0].assert_not_called()


def test_a_missing_signature_is_400(client: Client, world: World) -> None:
    response = client.post("/integrations/line/webhook", b"{}", content_type="application/json")
    assert response.status_code == 400


def test_get_is_not_allowed(client: Client, world: World) -> None:
    assert client.get("/integrations/line/webhook").status_code == 405


def test_the_guided_conversation_creates_a_request(
    client: Client, world: World, line_api, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    reply, _push = line_api
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(client, _event("สวัสดีค่ะ")).status_code == 200
        _send(client, _event("ยายข้างบ้านติดเตียงอยู่คนเดียว ไม่มีข้าวกินมาสองวัน"))
        _send(client, _event("ต.คลองหนึ่ง อ.คลองหลวง ปทุมธานี"))
        _send(client, _event("ได้"))
    assert reply.call_count == 4
    assert "เล่าว่าเกิดอะไรขึ้น" in _texts(reply.call_args_list[0])[0]
    assert "ที่ไหน" in _texts(reply.call_args_list[1])[0]
    assert "ติดต่อกลับทาง LINE" in _texts(reply.call_args_list[2])[0]
    hr = HelpRequest.objects.get()
    assert hr.channel == "line" and hr.safe_to_contact
    assert hr.address_text.startswith("ต.คลองหนึ่ง")
    assert hr.urgency == "urgent"
    final = _texts(reply.call_args_list[3])
    assert hr.reference in final[0]


def test_status_changes_are_pushed_when_safe(
    client: Client, world: World, line_api, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    _reply, push = line_api
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("ยายข้างบ้านติดเตียงอยู่คนเดียว ไม่มีคนดูแล", "คลองหลวง", "ได้"):
            _send(client, _event(text))
        hr = HelpRequest.objects.get()
        help_request_triage(
            actor=world["intake"],
            request=hr,
            urgency="urgent",
            risk_flags=[],
            outcome="accept",
            reason="ลงเยี่ยมบ้าน",
            category=Category.objects.get(code="ELD"),
        )
    push.assert_called_once()
    assert "รับเป็นเคส" in _texts(push.call_args)[0]


def test_nothing_is_sent_when_contact_is_not_safe(
    client: Client, world: World, line_api, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    reply, push = line_api
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("แม่ถูกพ่อทำร้ายร่างกายทุกคืน", "ลำลูกกา", "ไม่ได้"):
            _send(client, _event(text))
        hr = HelpRequest.objects.get()
        assert hr.safe_to_contact is False
        help_request_triage(
            actor=world["intake"],
            request=hr,
            urgency="most_urgent",
            risk_flags=["harm_others"],
            outcome="accept",
            reason="ด่วน",
            category=Category.objects.get(code="VIO.DV"),
        )
        _send(client, _event("สถานะ", token="reply-status"))
    push.assert_not_called()
    status_reply = _texts(reply.call_args_list[-1])[0]
    assert hr.reference not in status_reply
    assert "1300" in status_reply


def test_status_by_keyword(
    client: Client, world: World, line_api, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    reply, _push = line_api
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, _event("สถานะ", user="Unew"))
        for text in ("มีเด็กถูกทิ้งไว้หน้าร้านค้า ร้องไห้อยู่", "หน้าเซเว่น คลองหนึ่ง", "ได้"):
            _send(client, _event(text, user="Unew"))
        _send(client, _event("สถานะ", user="Unew"))
    assert "ยังไม่มีเรื่อง" in _texts(reply.call_args_list[0])[0]
    hr = HelpRequest.objects.get()
    assert hr.urgency == "most_urgent"
    last = _texts(reply.call_args_list[-1])[0]
    assert hr.reference in last and "รับเรื่องแล้ว" in last


def test_without_configuration_the_webhook_is_off(client: Client, world: World) -> None:
    with override_settings(LINE_CHANNEL_SECRET=""):
        assert _send(client, _event("x")).status_code == 404
