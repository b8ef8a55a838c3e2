from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onestop.accounts import services as account_services
from onestop.accounts.capabilities import role_label
from onestop.accounts.decorators import login_required, public, request_user
from onestop.accounts.models import User
from onestop.api.errors import error_response


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@login_required
@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    labels = [role_label(code) for code in user.role_codes]
    if user.is_superuser and "system_admin" not in user.role_codes:
        labels.append(role_label("system_admin"))
    return render(
        request, "core/staff_home.html", {"today": timezone.localdate(), "role_labels": labels}
    )


@public
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@public
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, plus: a signed-in user's choice is saved on their account."""
    language = request.POST.get("language", "")
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response: HttpResponse = HttpResponseRedirect(target)
    if language in {code for code, _name in settings.LANGUAGES} and check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            httponly=True,
        )
        staff_language = language in settings.STAFF_LANGUAGES
        if isinstance(request.user, User) and request.user.is_authenticated and staff_language:
            account_services.user_set_language(user=request.user, language=language)
    return response


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return error_response(request, 400, "bad_request", _("The request is not valid."))
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return error_response(
            request, 403, "permission_denied", _("Your role does not allow this.")
        )
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return error_response(request, 404, "not_found", _("Not found."))
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {
                "error": {
                    "code": "server_error",
                    "message": _("Something went wrong on our side."),
                    "fields": {},
                }
            },
            status=500,
        )
    # No request context: the database or a context processor may be what failed.
    return HttpResponse(loader.render_to_string("errors/500.html"), status=500)
