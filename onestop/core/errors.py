from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class StaleEdit(Exception):
    """Someone saved the record after this edit was started (HTTP 409 in the API)."""

    message: str | Promise = _(
        "Someone else changed this record while you were editing. Reload and try again."
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "")
        if message:
            # Where the service knows who changed it and when ("changed by X at Y, reload").
            self.message = message


def check_version(current: int, expected: int | None) -> None:
    """``expected`` is the version the editor read; None skips the check (first-write clients)."""
    if expected is not None and int(expected) != current:
        raise StaleEdit()
