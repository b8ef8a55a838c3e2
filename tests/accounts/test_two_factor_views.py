"""Two-step sign-in: enrolment, verification, replay, recovery codes, throttling and the gate
(accounts.two_factor, accounts.middleware.SecondFactorMiddleware, accounts' two-factor views)."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestop.accounts import two_factor
from onestop.api.services import api_token_create
from onestop.audit.models import AuditEntry
from tests.conftest import PASSWORD, World, sign_in

VERIFY = "/accounts/two-factor/verify/"
SETUP = "/accounts/two-factor/setup/"


def _password(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _enrolled(world: World, username: str = "socialworker") -> TOTPDevice:
    return TOTPDevice.objects.create(user=world[username], name="authenticator", confirmed=True)


def _code(device: TOTPDevice, step_offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + step_offset * device.step
    return str(totp.token()).zfill(6)


def test_a_first_sign_in_is_sent_to_set_up_an_authenticator(world: World) -> None:
    client = _password("socialworker")
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fcases%2F"
    page = client.get(response["Location"]).content.decode()
    assert "ตั้งค่าการเข้าสู่ระบบสองขั้นตอน" in page
    assert 'src="data:image/svg+xml' in page  # the QR code, inline (CSP allows data: images)
    secret = re.search(r"data-secret>([A-Z2-7]+)<", page).group(1)  # type: ignore[union-attr]
    device = TOTPDevice.objects.get(user=world["socialworker"])
    assert not device.confirmed and two_factor.secret_base32(device) == secret
    # A reload shows the same secret rather than a new one.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=world["socialworker"]).count() == 1


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)  # the right code follows a wrong one at once
def test_enrolment_needs_a_right_code_then_shows_recovery_codes_once(world: World) -> None:
    client = _password("socialworker")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world["socialworker"])
    wrong = client.post(SETUP, {"code": "000000" if _code(device) != "000000" else "111111"})
    assert "รหัสไม่ถูกต้อง" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    response = client.post(SETUP, {"code": _code(device), "next": "/cases/"})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)
    device.refresh_from_db()
    assert device.confirmed
    assert response["Cache-Control"].startswith("max-age=0")
    # The session is now through both steps.
    assert client.get("/cases/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.two_factor.enrolled").count() == 1
    assert AuditEntry.objects.filter(action="accounts.two_factor.enrol_failed").count() == 1


def test_an_enrolled_account_types_a_code_and_goes_where_it_was_going(world: World) -> None:
    device = _enrolled(world)
    client = _password("socialworker")
    response = client.get("/cases/")
    assert response["Location"] == f"{VERIFY}?next=%2Fcases%2F"
    assert client.get(SETUP)["Location"].startswith(VERIFY)  # no second enrolment
    assert "การเข้าสู่ระบบสองขั้นตอน" in client.get(VERIFY).content.decode()
    response = client.post(VERIFY, {"code": _code(device), "next": "/cases/"})
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200
    entry = AuditEntry.objects.get(action="accounts.two_factor.verified")
    assert entry.actor == world["socialworker"] and entry.data == {"method": "authenticator"}


def test_a_used_code_cannot_be_replayed(world: World) -> None:
    device = _enrolled(world)
    code = _code(device)
    first = _password("socialworker")
    assert first.post(VERIFY, {"code": code})["Location"] == "/staff/"
    # Someone who saw that code (over a shoulder, in a proxy log) tries it in another session.
    second = _password("socialworker")
    response = second.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "ถูกใช้ไปแล้ว" in response.content.decode()
    assert second.get("/staff/").status_code == 302
    assert AuditEntry.objects.filter(action="accounts.two_factor.failed").count() == 1


@override_settings(OTP_TOTP_THROTTLE_FACTOR=60)  # a wait this test cannot outrun
def test_wrong_codes_make_the_next_try_wait(world: World) -> None:
    device = _enrolled(world)
    client = _password("socialworker")
    right = _code(device)
    wrong = "123456" if right != "123456" else "654321"
    client.post(VERIFY, {"code": wrong})
    # Even the right code is refused while the device waits out its back-off.
    assert client.post(VERIFY, {"code": right}).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert client.get("/staff/").status_code == 302


def test_a_recovery_code_works_once(world: World) -> None:
    _enrolled(world)
    codes = two_factor.recovery_codes_regenerate(user=world["socialworker"])
    client = _password("socialworker")
    response = client.post(VERIFY, {"code": codes[0].upper()})
    assert response["Location"] == "/staff/"
    assert AuditEntry.objects.get(action="accounts.two_factor.verified").data == {
        "method": "recovery_code"
    }
    assert two_factor.recovery_codes_left(world["socialworker"]) == 9
    again = _password("socialworker")
    assert again.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert again.get("/staff/").status_code == 302


def test_new_recovery_codes_replace_the_old(world: World) -> None:
    _enrolled(world)
    old = two_factor.recovery_codes_regenerate(user=world["socialworker"])
    client = sign_in(Client(), world["socialworker"])
    page = client.get("/accounts/two-factor/").content.decode()
    assert "10" in page
    response = client.post("/accounts/two-factor/")
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert AuditEntry.objects.filter(action="accounts.two_factor.recovery_codes_renewed").exists()


def test_a_session_without_its_second_factor_cannot_use_the_api(world: World) -> None:
    _enrolled(world)
    client = _password("socialworker")
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "second_factor_required"
    # A token is its own credential (made from a verified session) and is not gated.
    _token, clear = api_token_create(user=world["socialworker"], name="tests")
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {clear}").status_code == 200


def test_an_htmx_request_is_redirected_by_header(world: World) -> None:
    _enrolled(world)
    client = _password("socialworker")
    response = client.get("/cases/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(VERIFY)


def test_roles_that_do_not_see_cases_are_not_asked(world: World) -> None:
    for username in ("coordinator", "volunteer", "researcher"):
        client = _password(username)
        assert client.get("/accounts/me/").status_code == 200, username


@override_settings(OTP_REQUIRED=False)
def test_where_not_required_only_enrolled_accounts_are_asked(world: World) -> None:
    assert _password("supervisor").get("/staff/").status_code == 200
    _enrolled(world, "supervisor")
    assert _password("supervisor").get("/staff/")["Location"].startswith(VERIFY)


def test_the_next_address_must_be_ours(world: World) -> None:
    device = _enrolled(world)
    client = _password("socialworker")
    response = client.post(VERIFY, {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/staff/"


def test_signing_out_works_before_the_second_step(world: World) -> None:
    _enrolled(world)
    client = _password("socialworker")
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get(VERIFY).status_code == 302  # to the login page now
    assert client.get(VERIFY)["Location"].startswith("/accounts/login/")


def test_an_administrator_resets_a_lost_phone(
    world: World, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    target = world["socialworker"]
    worker = sign_in(Client(), target)
    two_factor.recovery_codes_regenerate(user=target)
    admin = client_for("centeradmin")
    detail = admin.get(f"/accounts/staff/{target.pk}/").content.decode()
    assert "รีเซ็ตการเข้าสู่ระบบสองขั้นตอน" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/accounts/staff/{target.pk}/two-factor/reset/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert two_factor.recovery_codes_left(target) == 0
    entry = AuditEntry.objects.get(action="accounts.two_factor.reset")
    assert entry.actor == world["centeradmin"]
    assert mail.outbox == []  # this persona has no email address to tell
    # The worker's open session loses its verified device and must enrol again.
    assert worker.get("/cases/")["Location"].startswith(SETUP)


@pytest.mark.parametrize("persona", ["supervisor", "socialworker", "dpo"])
def test_only_user_managers_reset_two_factor(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    _enrolled(world)
    target = world["socialworker"].pk
    assert (
        client_for(persona).post(f"/accounts/staff/{target}/two-factor/reset/").status_code == 403
    )
    assert TOTPDevice.objects.filter(user_id=target).exists()


def test_another_centers_admin_cannot_reset(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _enrolled(world)
    target = world["socialworker"].pk
    assert (
        client_for("b_admin").post(f"/accounts/staff/{target}/two-factor/reset/").status_code == 404
    )
    assert (
        client_for("centeradmin").get(f"/accounts/staff/{target}/two-factor/reset/").status_code
        == 405
    )


def test_the_holder_is_told_by_email(
    world: World, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    target = world["b_admin"]
    target.email = "b@lp.invalid"
    target.save()
    _enrolled(world, "b_admin")
    with django_capture_on_commit_callbacks(execute=True):
        client_for("sysadmin").post(f"/accounts/staff/{target.pk}/two-factor/reset/")
    assert [m.to for m in mail.outbox] == [["b@lp.invalid"]]
    assert mail.outbox[0].subject == "การเข้าสู่ระบบสองขั้นตอนของบัญชี OneStop ของคุณถูกรีเซ็ต"


def test_nobody_resets_their_own(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    admin = client_for("centeradmin")
    me = world["centeradmin"].pk
    response = admin.post(f"/accounts/staff/{me}/two-factor/reset/", follow=True)
    assert "ผู้ดูแลระบบคนอื่น" in response.content.decode()
    assert TOTPDevice.objects.filter(user_id=me).exists()


def test_the_code_helper_is_for_the_demo_only(world: World) -> None:
    device = _enrolled(world)
    out = StringIO()
    call_command("totp_code", "socialworker", stdout=out)
    assert out.getvalue().strip() == two_factor.current_code(device)
    with pytest.raises(CommandError):
        call_command("totp_code", "coordinator", stdout=StringIO())
    with override_settings(PRODUCTION=True), pytest.raises(CommandError):
        call_command("totp_code", "socialworker", stdout=StringIO())
