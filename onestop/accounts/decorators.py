from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from onestop.accounts.models import User

V = TypeVar("V", bound=Callable[..., HttpResponseBase])

PUBLIC = "public"


def capability_required(*capabilities: str) -> Callable[[V], V]:
    """Log in first, then hold at least one of ``capabilities`` (else 403; 404 for an account
    that is only a volunteer's).

    The capabilities are recorded on the view so a test can prove every URL declares one.
    """

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(user.can(c) for c in capabilities):
                if _volunteer_only(user):
                    # A volunteer's account sees their own visits and nothing of the staff
                    # side, not even which pages exist there (a lost phone tells nothing).
                    raise Http404
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capabilities = capabilities  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def _volunteer_only(user: Any) -> bool:
    return bool(user.can("can_volunteer")) and set(user.role_codes) <= {"volunteer"}


def login_required(view: V) -> V:
    """Any signed-in account (their own pages: profile, password, tokens)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.required_capabilities = ("authenticated",)  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


def request_user(request: HttpRequest) -> User:
    """The signed-in staff user of a view behind capability_required or login_required."""
    user = request.user
    assert isinstance(user, User)
    return user


def public(view: V) -> V:
    """Marks a view as deliberately open to everyone (the access test checks the mark)."""
    view.required_capabilities = (PUBLIC,)  # type: ignore[attr-defined]
    return view
