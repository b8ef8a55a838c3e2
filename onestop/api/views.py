"""The personal API-token pages (the tokens themselves are used on /api/v1/)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from onestop.accounts.decorators import capability_required, request_user
from onestop.api import services
from onestop.api.models import ApiToken


@capability_required("can_use_api")
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    created = None
    error = ""
    if request.method == "POST":
        try:
            _token, created = services.api_token_create(
                user=user, name=request.POST.get("name", "")
            )
        except services.TokenError as exc:
            error = str(exc)
    return render(
        request,
        "api/tokens.html",
        {"tokens": user.api_tokens.all(), "created": created, "error": error},
    )


@capability_required("can_use_api")
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = request_user(request)
    # Only one's own tokens: another person's token ID is a 404 like any unknown one.
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise Http404
    services.api_token_revoke(actor=user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("api_tokens:tokens")
