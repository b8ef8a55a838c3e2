from __future__ import annotations

import pytest
from django.test import Client, override_settings

from onestop.audit.models import AuditEntry
from tests.conftest import PASSWORD, World


def _login(client: Client, username: str, password: str, **extra: str):  # type: ignore[no-untyped-def]
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_it_shows_a_thai_login_page(client: Client, db: None) -> None:
    body = client.get("/accounts/login/").content.decode()
    assert "เข้าสู่ระบบสำหรับเจ้าหน้าที่" in body
    assert 'autocomplete="current-password"' in body


def test_it_signs_in_and_audits_it(client: Client, world: World) -> None:
    response = _login(client, "socialworker", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    entry = AuditEntry.objects.filter(action="accounts.session.login").get()
    assert entry.actor == world["socialworker"]
    assert entry.center == world.center_a
    assert entry.ip == "127.0.0.1"
    assert entry.request_id


def test_a_failed_login_is_audited_without_the_password(client: Client, world: World) -> None:
    response = _login(client, "socialworker", "wrong-password")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="accounts.session.login_failed")
    assert entry.actor is None
    assert entry.actor_label == "socialworker"
    assert "wrong-password" not in str(entry.data)


def test_logout_is_a_post_and_is_audited(client: Client, world: World) -> None:
    _login(client, "socialworker", PASSWORD)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(
        action="accounts.session.logout", actor=world["socialworker"]
    ).exists()
    assert client.get("/staff/").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account(client: Client, world: World) -> None:
    for _ in range(3):
        _login(client, "socialworker", "wrong-password")
    # Even the right password is refused now, with a clear Thai page and 429.
    response = _login(client, "socialworker", PASSWORD)
    assert response.status_code == 429
    assert "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป" in response.content.decode()
    assert not AuditEntry.objects.filter(action="accounts.session.login").exists()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_from_one_ip_block_that_ip(client: Client, world: World) -> None:
    for name in ("ghost1", "ghost2", "ghost3"):
        _login(client, name, "wrong-password", REMOTE_ADDR="10.9.9.9")
    response = _login(client, "supervisor", PASSWORD, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    # Another address is not affected.
    assert _login(Client(), "supervisor", PASSWORD, REMOTE_ADDR="10.9.9.8").status_code == 302


@override_settings(TRUSTED_PROXIES=["127.0.0.1/32"])
def test_behind_a_trusted_proxy_the_forwarded_address_counts(client: Client, world: World) -> None:
    _login(client, "socialworker", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert AuditEntry.objects.get(action="accounts.session.login").ip == "203.0.113.7"


def test_an_untrusted_forwarded_header_is_ignored(client: Client, world: World) -> None:
    _login(client, "socialworker", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert AuditEntry.objects.get(action="accounts.session.login").ip == "127.0.0.1"


def test_an_inactive_account_cannot_sign_in(client: Client, world: World) -> None:
    user = world["volunteer"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert _login(client, "volunteer", PASSWORD).status_code == 200


def test_the_users_language_is_used_after_login(client: Client, world: World) -> None:
    user = world["researcher"]
    user.language = "en"
    user.save(update_fields=["language"])
    _login(client, "researcher", PASSWORD)
    assert '<html lang="en">' in client.get("/staff/").content.decode()


def test_sessions_expire_when_idle(settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_passwords_are_hashed_with_argon2_outside_tests() -> None:
    from onestop import settings as s

    assert "Argon2PasswordHasher" in next(h for h in s.PASSWORD_HASHERS if "Argon2" in h)


@pytest.mark.parametrize("password", ["short", "12345678901", "password1234"])
def test_weak_passwords_are_refused(password: str) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password)
