"""The public help-request form at /help/."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from PIL import Image

from onestop.audit.models import AuditEntry
from onestop.intake.models import HelpRequest, HelpRequestPhoto
from tests.conftest import World


def _form(client: Client, **over: object) -> dict[str, object]:
    page = client.get("/help/").content.decode()
    token = re.search(r'name="token" value="([0-9a-f]+)"', page)
    assert token is not None
    data: dict[str, object] = {
        "description": "ยายอยู่คนเดียว ติดเตียง ไม่มีข้าวกินมาสองวันแล้ว",
        "category": "ELD",
        "reporter_relationship": "neighbour",
        "reporter_name": "สมใจ",
        "reporter_phone": "081-234-5678",
        "safe_to_contact": "yes",
        "subject_name": "ยายเพ็ญ",
        "subject_age": "82",
        "subject_sex": "F",
        "address_text": "ซอยข้างวัด",
        "where-province": "13",
        "where-district": "1302",
        "where-subdistrict": "130201",
        "token": token.group(1),
        "notice_version": "2568-1",
        "website": "",
    }
    data.update(over)
    return data


def test_it_is_thai_with_emergency_numbers_and_a_privacy_notice(
    client: Client, world: World
) -> None:
    body = client.get("/help/").content.decode()
    assert '<html lang="th">' in body
    for number in ("191", "1669", "1300"):
        assert f'href="tel:{number}"' in body
    assert "ข้อมูลส่วนบุคคลของคุณ" in body
    assert 'enctype="multipart/form-data"' in body
    # Works without JavaScript: a plain form post, no script needed to submit.
    assert 'method="post"' in body


def test_a_reporter_submits_and_gets_a_reference_and_code(client: Client, world: World) -> None:
    response = client.post("/help/", _form(client))
    assert response.status_code == 201
    body = response.content.decode()
    hr = HelpRequest.objects.get()
    assert hr.reference in body
    code = re.search(r"data-tracking-code>([A-Z0-9-]+)<", body)
    assert code is not None
    assert hr.center == world.center_a
    assert hr.channel == "web"
    assert hr.notice_version == "2568-1"
    assert hr.reporter_phone == "+66812345678"
    assert hr.subject_age == 82
    assert hr.target_group == "elderly"
    assert hr.subdistrict_id == "130201"
    assert code.group(1) not in str(hr.__dict__)  # only its hash is stored
    assert AuditEntry.objects.filter(
        action="intake.help_request.submitted", object_id=str(hr.pk)
    ).exists()


def test_a_double_submit_creates_one_request(client: Client, world: World) -> None:
    data = _form(client)
    first = client.post("/help/", data)
    second = client.post("/help/", data)
    assert first.status_code == 201
    assert second.status_code == 200
    assert HelpRequest.objects.count() == 1
    ref = HelpRequest.objects.get().reference
    assert ref in second.content.decode()
    # The code shown the second time is the same one.
    code1 = re.search(r"data-tracking-code>([A-Z0-9-]+)<", first.content.decode())
    code2 = re.search(r"data-tracking-code>([A-Z0-9-]+)<", second.content.decode())
    assert code1 and code2 and code1.group(1) == code2.group(1)


def test_anonymous_reporters_leave_no_name(client: Client, world: World) -> None:
    client.post("/help/", _form(client, reporter_anonymous="on"))
    assert HelpRequest.objects.get().reporter_name == ""


def test_only_a_description_is_needed(client: Client, world: World) -> None:
    data = {
        k: v
        for k, v in _form(client).items()
        if k
        in {"description", "token", "notice_version", "reporter_relationship", "safe_to_contact"}
    }
    assert client.post("/help/", data).status_code == 201


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("description", "", "จำเป็นต้องกรอก"),
        ("description", "ก" * 20000, "5000"),
        ("reporter_phone", "12", "081 234 5678"),
        ("subject_age", "200", "130"),
        ("where-subdistrict", "100101", "เลือกตัวเลือกที่ถูกต้อง"),
        ("where-subdistrict", "999999", "เลือกตัวเลือกที่ถูกต้อง"),
        ("lat", "35.68", "นอกประเทศไทย"),
        ("website", "http://spam.example", "เว้นว่าง"),
    ],
)
def test_bad_input_gets_a_thai_message_and_saves_nothing(
    client: Client, world: World, field: str, value: str, message: str
) -> None:
    data = _form(client, **{field: value})
    if field == "lat":
        data["lng"] = "139.69"  # Tokyo
    response = client.post("/help/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert HelpRequest.objects.count() == 0
    # The form comes back filled in.
    assert "ยายเพ็ญ" in body


def test_html_is_stored_as_text_and_shown_escaped(client: Client, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post("/help/", _form(client, description=f"มีคนทำร้าย {payload}"))
    hr = HelpRequest.objects.get()
    assert payload in hr.description
    body = client_for("intake").get(f"/intake/requests/{hr.pk}/").content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert" in body


def test_photos_are_stored_outside_the_web_root_without_exif(
    client: Client, world: World, jpeg_with_gps, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    response = client.post("/help/", {**_form(client), "photos": [jpeg_with_gps]})
    assert response.status_code == 201
    photo = HelpRequestPhoto.objects.get()
    assert photo.content_type == "image/jpeg"
    path = tmp_path / photo.image.name
    assert path.exists() and "private/" in photo.image.name
    with Image.open(path) as image:
        assert not image.getexif()  # no GPS, no camera make
    # Not reachable as a static or media URL: only through the staff view.
    assert client.get(f"/media/{photo.image.name}").status_code == 404


@pytest.mark.parametrize("bad", ["svg_as_jpg", "pdf_as_jpg", "six_mb_photo"])
def test_a_bad_photo_rejects_the_whole_submit(
    client: Client, world: World, bad: str, request, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    upload = request.getfixturevalue(bad)
    response = client.post("/help/", {**_form(client), "photos": [upload]})
    assert response.status_code == 400
    body = response.content.decode()
    assert "JPEG, PNG หรือ WebP" in body or "5 MB" in body
    assert HelpRequest.objects.count() == 0
    assert HelpRequestPhoto.objects.count() == 0
    assert not list(tmp_path.rglob("*.jpg"))
    assert "ยายเพ็ญ" in body


def test_a_fourth_photo_is_refused(
    client: Client, world: World, make_photo, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    photos = [make_photo(f"p{i}.jpg") for i in range(4)]
    response = client.post("/help/", {**_form(client), "photos": photos})
    assert response.status_code == 400
    assert "3" in response.content.decode()
    assert HelpRequest.objects.count() == 0


def test_png_and_webp_are_accepted(
    client: Client, world: World, make_photo, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    photos = [make_photo("a.png", "PNG"), make_photo("b.webp", "WEBP")]
    assert client.post("/help/", {**_form(client), "photos": photos}).status_code == 201
    assert sorted(HelpRequestPhoto.objects.values_list("content_type", flat=True)) == [
        "image/png",
        "image/webp",
    ]


@override_settings(INTAKE_RATE_PER_IP="20/h")
def test_the_21st_request_in_an_hour_from_one_ip_is_refused(client: Client, world: World) -> None:
    for i in range(20):
        data = _form(client, reporter_phone="", description=f"เรื่องที่ {i} มีคนต้องการความช่วยเหลือ")
        assert client.post("/help/", data).status_code == 201
    response = client.post("/help/", _form(client, reporter_phone=""))
    assert response.status_code == 429
    assert "มากเกินไป" in response.content.decode()
    assert HelpRequest.objects.count() == 20


@override_settings(INTAKE_RATE_PER_IP="2/h", INTAKE_RATE_EXEMPT_IPS=["127.0.0.0/8"])
def test_an_exempt_address_is_not_limited(client: Client, world: World) -> None:
    for _ in range(3):
        assert client.post("/help/", _form(client, reporter_phone="")).status_code == 201


@override_settings(INTAKE_RATE_PER_PHONE="2/h")
def test_one_phone_is_limited_too(client: Client, world: World) -> None:
    for _ in range(2):
        assert client.post("/help/", _form(client)).status_code == 201
    assert client.post("/help/", _form(client), REMOTE_ADDR="10.0.0.9").status_code == 429


def test_refresh_without_javascript_keeps_the_form_and_saves_nothing(
    client: Client, world: World
) -> None:
    data = _form(client, refresh="1", **{"where-district": "", "where-subdistrict": ""})
    response = client.post("/help/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "คลองหลวง" in body
    assert "ยายเพ็ญ" in body
    assert HelpRequest.objects.count() == 0


def test_the_form_is_offered_in_migrant_languages(client: Client, world: World) -> None:
    body = client.get("/help/").content.decode()
    for code in ("my", "km", "lo"):
        assert f'value="{code}"' in body


@pytest.mark.parametrize(
    ("lang", "heading"), [("my", "အကူအညီ တောင်းရန်"), ("km", "ស្នើសុំជំនួយ"), ("lo", "ຂໍຄວາມຊ່ວຍເຫຼືອ")]
)
def test_migrant_reporters_get_the_form_in_their_language(
    client: Client, world: World, lang: str, heading: str
) -> None:
    client.post("/i18n/setlang/", {"language": lang, "next": "/help/"})
    body = client.get("/help/").content.decode()
    assert f'<html lang="{lang}">' in body
    assert heading in body
    assert "draft-note" in body  # marked as a draft until a native speaker reviews it
    # An error comes back in the same language.
    response = client.post("/help/", _form(client, description=""))
    assert response.status_code == 400
