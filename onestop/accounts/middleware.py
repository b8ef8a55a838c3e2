from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils import translation
from django_scopes import scope


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
