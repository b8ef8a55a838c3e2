from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from onestop.core.net import client_ip


class TokenAuth(HttpBearer):
    """The token was already checked by ApiTokenMiddleware; this declares it in OpenAPI."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if getattr(request, "api_token", None) is not None:
            return request.user
        return None


class SessionAuth(APIKeyCookie):
    """A signed-in browser (htmx pages can call the API too). CSRF is enforced (csrf=True)."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if request.user.is_authenticated:
            return request.user
        return None


STAFF_AUTH = [TokenAuth(), SessionAuth()]


class _ClientIpMixin:
    def get_ident(self, request: HttpRequest) -> str | None:
        # Only a trusted proxy may name the client (settings.TRUSTED_PROXIES).
        return client_ip(request)


class AnonThrottle(_ClientIpMixin, AnonRateThrottle):
    pass


class UserThrottle(_ClientIpMixin, AuthRateThrottle):
    pass
