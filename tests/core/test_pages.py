from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_home_is_thai_by_default(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="th">' in body
    assert "ศูนย์ช่วยเหลือสังคม" in body
    for number in ("1300", "191", "1669"):
        assert f'href="tel:{number}"' in body


def test_english_follows_accept_language(client: Client) -> None:
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in body
    assert "Social Assistance Center" in body


def test_language_cookie_switches_without_a_url_prefix(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["onestop_language"].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()
    assert client.get("/en/").status_code == 404


def test_language_switch_refuses_an_outside_redirect(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_staff_home_needs_login(client: Client) -> None:
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_home_shows_the_date_in_the_buddhist_era(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    today = timezone.localdate()
    body = client_for("socialworker").get("/staff/").content.decode()
    assert str(today.year + 543) in body
    assert "นักสังคมสงเคราะห์" in body  # the role label, in Thai


def test_pages_send_a_strict_csp_and_a_request_id(client: Client) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert len(response["X-Request-ID"]) == 32


def test_unknown_pages_get_a_thai_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_healthz(client: Client) -> None:
    assert client.get("/healthz").content == b"ok"


def test_post_to_a_page_without_its_slash_is_not_a_500(client: Client) -> None:
    response = client.post("/i18n/setlang", {"language": "en", "next": "/"})
    assert response.status_code == 302
