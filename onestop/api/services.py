from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.accounts.models import User
from onestop.api.models import TOKEN_PREFIX, ApiToken, hash_token
from onestop.audit.services import audit_log

# Writing last_used on every call would turn each API read into a write; once a minute is
# enough to tell an admin whether a token is still in use.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenError(ValueError):
    pass


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token row and the clear token, which is never stored or shown again."""
    if not user.can("can_use_api"):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise TokenError(_("Give the token a name, e.g. the script that will use it."))
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], token_hash=hash_token(clear), hint=clear[:10]
    )
    audit_log(
        action="api.token.created",
        actor=user,
        obj=token,
        center=user.center,
        data={"name": token.name},
    )
    return token, clear


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    if token.revoked is not None:
        return
    token.revoked = timezone.now()
    token.save(update_fields=["revoked"])
    audit_log(action="api.token.revoked", actor=actor, obj=token, center=token.user.center)


def api_token_authenticate(clear: str) -> ApiToken | None:
    if not clear.startswith(TOKEN_PREFIX) or len(clear) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(clear), revoked__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token
