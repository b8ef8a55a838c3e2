from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from onestop.api.errors import error_response
from onestop.api.services import api_token_authenticate


class ApiTokenMiddleware:
    """``Authorization: Bearer <token>`` on /api/ paths signs the request in as the token's user.

    Done as middleware (after sessions and auth) so the center scope and the user's language
    apply to token requests exactly as to browser requests. A token request carries no cookie,
    so it is exempt from CSRF; a session request to the API is not.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if request.path_info.startswith("/api/") and header:
            scheme, _sep, value = header.partition(" ")
            token = api_token_authenticate(value.strip()) if scheme.lower() == "bearer" else None
            if token is None:
                response = error_response(
                    request,
                    401,
                    "not_authenticated",
                    _("The API token is missing, wrong or revoked."),
                )
                response["WWW-Authenticate"] = "Bearer"
                return response
            request.user = token.user
            request.api_token = token  # type: ignore[attr-defined]
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)


class BodyLimitMiddleware:
    """Tighter body limits for endpoints whose honest bodies are tiny (settings.API_BODY_LIMITS,
    path to bytes): a 1 MB "eligibility check" is refused with 413 before it is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        from django.conf import settings

        limit = settings.API_BODY_LIMITS.get(request.path_info.rstrip("/"))
        if limit is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                return error_response(request, 413, "too_large", _("The request is too large."))
        return self.get_response(request)
