from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from onestop.accounts import two_factor
from onestop.accounts.models import User
from onestop.core.menu import menu_for

EMERGENCY_NUMBERS = [
    ("1300", _("Social assistance hotline, 24 hours")),
    ("191", _("Police")),
    ("1669", _("Emergency medical services")),
    ("199", _("Fire")),
    ("1479", _("Disability hotline")),
    ("1323", _("Mental health hotline")),
]


# Each language named in itself, for the public pages' switcher.
PUBLIC_LANGUAGES = [
    ("th", "ไทย"),
    ("en", "English"),
    ("my", "မြန်မာ"),
    ("km", "ខ្មែរ"),
    ("lo", "ລາວ"),
]


# Drafted translations, waiting for review by a native speaker (docs/translations.md).
DRAFT_LANGUAGES = {"my", "km", "lo"}


def onestop(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # A session still owing its second factor sees no menu: every item would lead back to the
    # second step anyway.
    pending = (
        isinstance(user, User)
        and not two_factor.is_verified(request)
        and (two_factor.is_required(user))
    )
    return {
        "menu": menu_for(user) if isinstance(user, User) and not pending else [],
        "emergency_numbers": EMERGENCY_NUMBERS,
        "public_languages": PUBLIC_LANGUAGES,
        "draft_languages": DRAFT_LANGUAGES,
    }
