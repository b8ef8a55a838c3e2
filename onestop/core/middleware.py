from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware
from django.urls import is_valid_path

from onestop.core import context
from onestop.core.net import _is_trusted, client_ip

_REQUEST_ID = re.compile(r"^[A-Za-z0-9\-_.]{8,64}$")


class RequestContextMiddleware:
    """Gives every request an ID (or keeps a proxy's) and records the client IP for audit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        remote = request.META.get("REMOTE_ADDR", "")
        if incoming and _REQUEST_ID.match(incoming) and _is_trusted(remote):
            request_id = incoming
        else:
            request_id = uuid.uuid4().hex
        ctx = context.RequestContext(
            request_id=request_id,
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
        )
        request.request_id = request_id  # type: ignore[attr-defined]
        token = context.set_current(ctx)
        try:
            response = self.get_response(request)
        finally:
            context.reset(token)
        response["X-Request-ID"] = request_id
        return response


class ApiSlashMiddleware:
    """API paths are written without a trailing slash; the slash form answers the same.

    Rewriting the path (rather than redirecting) keeps POST bodies, so no client ever meets
    Django's "POST to a URL without a slash" error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        path = request.path_info
        # An API's root ("/api/v1/", "/api/hsds/") keeps its slash; anything below loses it.
        if path.startswith("/api/") and path.count("/") > 3 and path.endswith("/"):
            request.path_info = path.rstrip("/")
            request.path = request.path.rstrip("/")
        return self.get_response(request)


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path_info:
        return True
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
    )


class NulRefusalMiddleware:
    """PostgreSQL text cannot hold U+0000: a NUL in the path or the query string is refused
    here with a clear 400, rather than reaching a query and failing there as a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if _has_nul(request):
            from onestop.core.views import bad_request

            return bad_request(request)
        return self.get_response(request)


class CommonMiddleware(DjangoCommonMiddleware):
    """Django's APPEND_SLASH, except that an unsafe method is routed internally, not redirected.

    Django answers a POST to a slash-less page URL with a RuntimeError in DEBUG and with a
    redirect that drops the body otherwise; we serve the slash URL directly instead.
    """

    def process_request(self, request: HttpRequest) -> HttpResponsePermanentRedirect | None:
        if request.path_info.startswith("/api/"):
            # API paths take no slash (ApiSlashMiddleware), so APPEND_SLASH has nothing to do
            # there, and its URL resolutions cost every API call (the public help-request
            # endpoint's throughput, issue 3). PREPEND_WWW and DISALLOWED_USER_AGENTS are unset.
            return None
        if (
            settings.APPEND_SLASH
            and request.method not in ("GET", "HEAD")
            and not request.path_info.endswith("/")
            and not is_valid_path(request.path_info, getattr(request, "urlconf", None))
            and is_valid_path(request.path_info + "/", getattr(request, "urlconf", None))
        ):
            request.path_info += "/"
            request.path += "/"
        return super().process_request(request)
