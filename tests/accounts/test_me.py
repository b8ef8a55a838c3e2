from __future__ import annotations

from django.core import mail
from django.test import Client

from onestop.audit.models import AuditEntry
from tests.conftest import PASSWORD, World, sign_in


def test_it_needs_login(client: Client, db: None) -> None:
    assert client.get("/accounts/me/").status_code == 302


def test_every_role_has_a_personal_page(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    for persona in ("volunteer", "partner", "researcher", "sysadmin"):
        assert client_for(persona).get("/accounts/me/").status_code == 200


def test_changing_the_password_is_audited_and_notified(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = sign_in(Client(), world["centeradmin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/me/",
            {
                "change_password": "1",
                "old_password": PASSWORD,
                "new_password1": "a-much-longer-passphrase-2569",
                "new_password2": "a-much-longer-passphrase-2569",
            },
        )
    assert response.status_code == 302
    user = world["centeradmin"]
    user.refresh_from_db()
    assert user.check_password("a-much-longer-passphrase-2569")
    entry = AuditEntry.objects.get(action="accounts.user.password_changed")
    assert entry.changes == {"password": ["••••", "••••"]}
    # Still signed in after the change.
    assert client.get("/accounts/me/").status_code == 200
    # The background task mailed a security notice.
    assert [m.to for m in mail.outbox] == [["admin@tu.invalid"]]
    assert mail.outbox[0].subject == "รหัสผ่าน OneStop ของคุณถูกเปลี่ยนแล้ว"


def test_a_wrong_old_password_changes_nothing(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("centeradmin").post(
        "/accounts/me/",
        {
            "change_password": "1",
            "old_password": "not-it",
            "new_password1": "a-much-longer-passphrase-2569",
            "new_password2": "a-much-longer-passphrase-2569",
        },
    )
    assert response.status_code == 200
    assert not AuditEntry.objects.filter(action__startswith="accounts.user.password").exists()
    world["centeradmin"].refresh_from_db()
    assert world["centeradmin"].check_password(PASSWORD)


def test_choosing_english_is_saved_on_the_account(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("socialworker")
    response = client.post("/accounts/me/", {"language": "en"})
    assert response.status_code == 302
    world["socialworker"].refresh_from_db()
    assert world["socialworker"].language == "en"
    assert '<html lang="en">' in client.get("/accounts/me/").content.decode()
    assert AuditEntry.objects.filter(action="accounts.user.language_changed").exists()


def test_an_unknown_language_is_refused(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("socialworker").post("/accounts/me/", {"language": "xx"})
    assert response.status_code == 200
    world["socialworker"].refresh_from_db()
    assert world["socialworker"].language == "th"


def test_the_header_switcher_saves_the_language_too(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client_for("socialworker").post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    world["socialworker"].refresh_from_db()
    assert world["socialworker"].language == "en"
