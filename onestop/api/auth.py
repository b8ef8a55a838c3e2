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


class _SettingsRateMixin:
    """The rate is a setting read on each request, so a load test or a partner's kiosk can be
    given more without a code change, and tests can override it."""

    setting_name = ""
    rate: str | None
    num_requests: int | None
    duration: int | None

    def __init__(self) -> None:
        super().__init__(getattr(settings, self.setting_name))  # type: ignore[call-arg]

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting_name)
        self.num_requests, self.duration = self.parse_rate(self.rate)  # type: ignore[attr-defined]
        return super().allow_request(request)  # type: ignore[misc]

    def get_ident(self, request: HttpRequest) -> str | None:
        # Only a trusted proxy may name the client (settings.TRUSTED_PROXIES).
        return client_ip(request)


class AnonThrottle(_SettingsRateMixin, AnonRateThrottle):
    setting_name = "API_ANON_RATE_LIMIT"


class UserThrottle(_SettingsRateMixin, AuthRateThrottle):
    setting_name = "API_RATE_LIMIT"

    def get_cache_key(self, request: HttpRequest) -> str | None:  # type: ignore[override]
        # Anonymous callers are AnonThrottle's: counting them here too would give them the
        # staff allowance's key space and double the cache writes.
        if getattr(request, "auth", None) is None:
            return None
        return super().get_cache_key(request)
