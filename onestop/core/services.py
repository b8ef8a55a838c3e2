"""Shared shape of a versioned, audited edit, used by the apps' *_update services."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from onestop.core.errors import check_version
from onestop.core.models import VersionedModel

if TYPE_CHECKING:
    from onestop.accounts.models import User

M = TypeVar("M", bound=VersionedModel)


def versioned_update(
    *,
    obj: M,
    actor: User,
    fields: dict[str, Any],
    allowed: Sequence[str],
    action: str,
    expected_version: int | None,
    error: type[Exception],
    check: Callable[[M], None] | None = None,
) -> M:
    """Lock the row, refuse a stale version (StaleEdit), set ``fields`` (only ``allowed`` ones),
    validate, and save and audit only if something changed. Call inside transaction.atomic."""
    from onestop.audit.services import audit_log, diff, snapshot

    locked: M = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    check_version(locked.version, expected_version)
    before = snapshot(locked, allowed)
    for name, value in fields.items():
        if name not in allowed:
            raise error(f"field {name} cannot be changed here")
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    if check is not None:
        check(locked)
    locked.full_clean(validate_unique=False)
    changes = diff(before, snapshot(locked, allowed))
    if changes:
        locked.version += 1
        locked.save()
        audit_log(action=action, actor=actor, obj=locked, changes=changes)
    return locked
