from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scope

from onestop.accounts import two_factor
from onestop.accounts.auth_events import SIGNED_IN_AT
from onestop.accounts.capabilities import ADMIN_CAPABILITIES
from onestop.accounts.decorators import PUBLIC
from onestop.api.errors import error_response
from onestop.audit.models import AuditEntry
from onestop.audit.services import audit_log


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the cookie and Accept-Language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class CenterScopeMiddleware:
    """Opens the django-scopes center scope for the request.

    Staff see their own center; a system admin sees every center; everyone else (the public)
    gets an empty scope, so public code must say explicitly which center it reads.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        center: int | list[int] | None = []
        if user is not None and user.is_authenticated:
            if user.is_system_admin:
                center = None  # no filter: every center
            elif user.center_id:
                center = user.center_id
        with scope(center=center):
            return self.get_response(request)


def _is_public(request: HttpRequest) -> bool:
    """Public pages (sign-in, the help form) stay open to a half-signed-in session."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True  # the 404 page
    return getattr(match.func, "required_capabilities", None) == (PUBLIC,) or (
        match.view_name in SECOND_FACTOR_OPEN
    )


# Reachable before the second factor, besides public pages (the language switch is one): the
# pages that ask for it, and signing out.
SECOND_FACTOR_OPEN = {
    "accounts:two_factor_verify",
    "accounts:two_factor_setup",
    "accounts:logout",
}


class SecondFactorMiddleware:
    """A session whose account must pass a second factor reaches nothing else until it has.

    One gate for every view (staff pages, the Django admin, session calls to the API) rather
    than a check in each decorator, so a new view cannot forget it. API token requests are not
    sessions: a token is created only from a verified session and is its own credential.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or getattr(request, "api_token", None) is not None
            or two_factor.is_verified(request)
            or _is_public(request)
            or not two_factor.is_required(user)
        ):
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return error_response(
                request,
                403,
                "second_factor_required",
                _("Finish the two-step sign-in before using the API from this session."),
            )
        name = (
            "accounts:two_factor_verify"
            if two_factor.is_enrolled(user)
            else "accounts:two_factor_setup"
        )
        target = f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)


class SessionLimitMiddleware:
    """Ends a session a fixed time after sign-in, however active it was.

    The idle limit (SESSION_COOKIE_AGE) alone lets a busy session live for ever; an
    administrator's session is cut sooner (ADMIN_SESSION_MAX_AGE), since it can create
    accounts and change roles. The sign-in time is stamped by accounts.auth_events.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(request, "api_token", None) is None
            and self._expired(request, user)
        ):
            audit_log(
                action="accounts.session.expired", actor=user, obj=user, kind=AuditEntry.Kind.AUTH
            )
            logout(request)
            if request.path_info.startswith("/api/"):
                return error_response(
                    request, 401, "not_authenticated", _("Your session ended. Sign in again.")
                )
            messages.info(request, _("Your session reached its time limit. Sign in again."))
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _expired(request: HttpRequest, user: Any) -> bool:
        started = request.session.get(SIGNED_IN_AT)
        if not isinstance(started, int | float):
            # A session from before this limit existed: it starts counting now.
            request.session[SIGNED_IN_AT] = time.time()
            return False
        admin = user.is_staff or any(user.can(c) for c in ADMIN_CAPABILITIES)
        limit = settings.ADMIN_SESSION_MAX_AGE if admin else settings.SESSION_MAX_AGE
        return bool(time.time() - started > limit)
