"""Writes on accounts: each is one typed function that runs atomically and audits itself."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from onestop.accounts.capabilities import CAPABILITIES, ROLES
from onestop.accounts.models import User
from onestop.accounts.tasks import send_account_notice
from onestop.audit.services import audit_log, diff, snapshot
from onestop.centers.models import Center, Team
from onestop.directory.models import Organization


class AccountError(ValueError):
    """A rule was broken; the message is translated and shown as is."""


def roles_sync() -> None:
    """Make each role group hold exactly the capabilities listed in capabilities.ROLES."""
    perms = {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="accounts", codename__in=list(CAPABILITIES)
        )
    }
    if len(perms) != len(CAPABILITIES):
        return  # permissions not created yet (first migrate pass); the next pass syncs
    for code, (_label, caps) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=code)
        group.permissions.set([perms[c] for c in caps])


def roles_sync_after_migrate(**kwargs: Any) -> None:
    roles_sync()


USER_FIELDS = [
    "username",
    "name_prefix",
    "first_name",
    "last_name",
    "email",
    "phone",
    "position",
    "center",
    "team",
    "organization",
    "is_active",
]


def _check_placement(
    *, center: Center | None, team: Team | None, organization: Organization | None, roles: list[str]
) -> None:
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise AccountError(_("Unknown role: %(role)s") % {"role": ", ".join(unknown)})
    if team is not None and (center is None or team.center_id != center.pk):
        raise AccountError(_("The team must belong to the user's center."))
    if "partner_staff" in roles and organization is None:
        raise AccountError(_("Partner staff must be linked to a partner organisation."))
    if center is None and "system_admin" not in roles:
        raise AccountError(_("Every account except a system administrator needs a center."))


def _notify(user: User, notice: str) -> None:
    if user.email:
        # After commit: never mail about an account that was then rolled back.
        transaction.on_commit(lambda: send_account_notice.enqueue(user.pk, notice))


def _set_roles(user: User, roles: list[str]) -> None:
    user.groups.set(Group.objects.filter(name__in=roles))


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    center: Center | None,
    roles: list[str],
    team: Team | None = None,
    organization: Organization | None = None,
    **fields: Any,
) -> User:
    _check_placement(center=center, team=team, organization=organization, roles=roles)
    user = User(username=username, center=center, team=team, organization=organization, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    _set_roles(user, roles)
    _notify(user, "created")
    audit_log(
        action="accounts.user.created",
        actor=actor,
        obj=user,
        center=center,
        changes=diff({}, snapshot(user, USER_FIELDS)),
        data={"roles": sorted(roles)},
    )
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, roles: list[str] | None = None, **fields: Any) -> User:
    before = snapshot(user, USER_FIELDS)
    roles_before = sorted(user.role_codes)
    for name, value in fields.items():
        if name not in USER_FIELDS or name == "username":
            raise AccountError(f"field {name} cannot be changed here")
        setattr(user, name, value)
    new_roles = roles if roles is not None else roles_before
    _check_placement(
        center=user.center, team=user.team, organization=user.organization, roles=new_roles
    )
    if user.pk == actor.pk and fields.get("is_active") is False:
        raise AccountError(_("You cannot deactivate your own account."))
    user.full_clean(exclude=["password"])
    user.save()
    if roles is not None:
        _set_roles(user, roles)
    changes = diff(before, snapshot(user, USER_FIELDS))
    if sorted(new_roles) != roles_before:
        changes["roles"] = [roles_before, sorted(new_roles)]
    if changes:
        audit_log(action="accounts.user.updated", actor=actor, obj=user, changes=changes)
    return user


@transaction.atomic
def user_set_password(*, actor: User, user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    notice = "password_changed" if actor.pk == user.pk else "password_reset"
    _notify(user, notice)
    audit_log(
        action=f"accounts.user.{notice}",
        actor=actor,
        obj=user,
        changes={"password": ["••••", "••••"]},
    )


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    if language not in User.Language.values:
        raise AccountError(_("Unknown language."))
    if user.language == language:
        return
    old = user.language
    user.language = language
    user.save(update_fields=["language"])
    audit_log(
        action="accounts.user.language_changed",
        actor=user,
        obj=user,
        changes={"language": [old, language]},
    )
