from __future__ import annotations

from django.test import Client, override_settings

from onestop.centers.models import Center
from onestop.intake.services import HelpRequestInput, help_request_submit
from tests.conftest import World


def _make(world: World):  # type: ignore[no-untyped-def]
    return help_request_submit(
        center=world.center_a,
        data=HelpRequestInput(description="ผู้สูงอายุอยู่ลำพัง", reporter_name="สมใจ"),
    )


def test_it_shows_a_plain_thai_status_and_no_personal_data(client: Client, world: World) -> None:
    result = _make(world)
    response = client.get(
        "/help/status/", {"reference": result.request.reference, "code": result.tracking_code}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "รับเรื่องแล้ว" in body
    assert "สมใจ" not in body and "ผู้สูงอายุอยู่ลำพัง" not in body


def test_the_same_404_for_unknown_reference_and_wrong_code(client: Client, world: World) -> None:
    result = _make(world)
    a = client.get("/help/status/", {"reference": result.request.reference, "code": "ZZZZ-ZZZZ"})
    b = client.get("/help/status/", {"reference": "TU-0000-99999", "code": result.tracking_code})
    assert a.status_code == b.status_code == 404
    assert "ไม่พบเรื่องที่ตรงกับ" in a.content.decode()


def test_an_empty_form_is_just_the_form(client: Client, world: World) -> None:
    assert client.get("/help/status/").status_code == 200
    prefilled = client.get("/help/status/", {"reference": "TU-6911-00001"})
    assert prefilled.status_code == 200
    assert 'value="TU-6911-00001"' in prefilled.content.decode()
    assert 'class="error"' not in prefilled.content.decode()
    assert client.get("/help/status/", {"reference": "", "code": ""}).status_code == 400


@override_settings(INTAKE_STATUS_RATE_PER_IP="3/h")
def test_guessing_codes_is_rate_limited(client: Client, world: World) -> None:
    result = _make(world)
    codes = [
        client.get(
            "/help/status/", {"reference": result.request.reference, "code": f"AAAA-AAA{i}"}
        ).status_code
        for i in range(4)
    ]
    assert codes == [404, 404, 404, 429]


def test_a_merged_request_reports_the_status_of_the_one_it_joined(
    client: Client, world: World
) -> None:
    from onestop.intake.services import help_request_triage

    first = _make(world)
    second = _make(world)
    help_request_triage(
        actor=world["intake"],
        request=second.request,
        urgency="normal",
        risk_flags=[],
        outcome="merge",
        reason="เรื่องเดียวกัน",
        merge_into=first.request,
    )
    response = client.get(
        "/help/status/", {"reference": second.request.reference, "code": second.tracking_code}
    )
    assert first.request.reference in response.content.decode()
    assert Center.objects.count() == 2
