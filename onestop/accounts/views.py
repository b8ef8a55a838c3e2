from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from onestop.accounts import services, two_factor
from onestop.accounts.access import get_staff_for_user, staff_for_user
from onestop.accounts.decorators import capability_required, login_required, public, request_user
from onestop.accounts.forms import CodeForm, LanguageForm, LoginForm, StaffForm
from onestop.accounts.models import User
from onestop.centers.models import Team

login = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )
)
logout = login_required(auth_views.LogoutView.as_view())


@login_required
@require_http_methods(["GET", "POST"])
def me(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    password_form = PasswordChangeForm(user)
    language_form = LanguageForm(initial={"language": user.language})
    if request.method == "POST" and "change_password" in request.POST:
        password_form = PasswordChangeForm(user, request.POST)
        if password_form.is_valid():
            services.user_set_password(
                actor=user, user=user, password=password_form.cleaned_data["new_password1"]
            )
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password was changed."))
            return redirect("accounts:me")
    elif request.method == "POST":
        language_form = LanguageForm(request.POST)
        if language_form.is_valid():
            services.user_set_language(user=user, language=language_form.cleaned_data["language"])
            messages.success(request, _("Your language was saved."))
            response = redirect("accounts:me")
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax", httponly=True
            )
            return response
    return render(
        request,
        "accounts/me.html",
        {
            "password_form": password_form,
            "language_form": language_form,
            "tokens": user.api_tokens.all(),
            "two_factor_enrolled": two_factor.is_enrolled(user),
        },
    )


@capability_required("can_manage_users")
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/staff_list.html", {"staff": staff_for_user(request_user(request))}
    )


@capability_required("can_manage_users")
def staff_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    target = get_staff_for_user(request_user(request), user_id)
    return render(
        request,
        "accounts/staff_detail.html",
        {"target": target, "two_factor_enrolled": two_factor.is_enrolled(target)},
    )


def _save_staff(request: HttpRequest, form: StaffForm, editing: User | None) -> User | None:
    actor = request_user(request)
    data = dict(form.cleaned_data)
    roles, password = data.pop("roles"), data.pop("password")
    try:
        if editing is None:
            return services.user_create(
                actor=actor, center=actor.center, roles=roles, password=password, **data
            )
        data.pop("username", None)
        user = services.user_update(actor=actor, user=editing, roles=roles, **data)
        if password:
            services.user_set_password(actor=actor, user=user, password=password)
        return user
    except services.AccountError as exc:
        form.add_error(None, str(exc))
        return None


@capability_required("can_manage_users")
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, user_id: int | None = None) -> HttpResponse:
    actor = request_user(request)
    editing = get_staff_for_user(actor, user_id, write=True) if user_id is not None else None
    teams = Team.objects.filter(center=actor.center, is_active=True)
    initial = StaffForm.initial_for(editing) if editing else None
    form = StaffForm(request.POST or None, initial=initial, center_teams=teams, editing=editing)
    if request.method == "POST" and form.is_valid():
        saved = _save_staff(request, form, editing)
        if saved is not None:
            messages.success(request, _("The account was saved."))
            return redirect("accounts:staff_detail", user_id=saved.pk)
    return render(request, "accounts/staff_form.html", {"form": form, "editing": editing})


def _next(request: HttpRequest) -> str:
    """Where to go after the second factor: the page the session was stopped at, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, target: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in (SecondFactorMiddleware sends sessions here)."""
    user = request_user(request)
    target = _next(request)
    if two_factor.is_verified(request):
        return redirect(target)
    if not two_factor.is_enrolled(user):
        return redirect(_with_next("accounts:two_factor_setup", target))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request=request, user=user, code=form.cleaned_data["code"]):
            request.session.cycle_key()  # a new session ID for the now fully signed-in session
            return redirect(target)
        form.add_error(
            "code",
            _(
                "That code is not right, or it was already used. Wait for the next code and try"
                " again; after each wrong code the wait before the next try grows."
            ),
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": target})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, type a code it shows, keep the recovery
    codes. Reached at the first sign-in of an account that must use two-step sign-in."""
    user = request_user(request)
    target = _next(request)
    if two_factor.is_enrolled(user):
        return redirect(
            target
            if two_factor.is_verified(request)
            else _with_next("accounts:two_factor_verify", target)
        )
    device = two_factor.enrolment_start(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.enrolment_confirm(
                request=request, user=user, device=device, code=form.cleaned_data["code"]
            )
        except two_factor.TwoFactorError as exc:
            form.add_error("code", str(exc))
        else:
            request.session.cycle_key()
            return render(
                request, "accounts/two_factor_codes.html", {"codes": codes, "next": target}
            )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": target,
            "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2),
            "secret": two_factor.secret_base32(device),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_manage(request: HttpRequest) -> HttpResponse:
    """The account holder's two-step sign-in: its state and new recovery codes."""
    user = request_user(request)
    if request.method == "POST":
        try:
            codes = two_factor.recovery_codes_regenerate(user=user)
        except two_factor.TwoFactorError as exc:
            messages.error(request, str(exc))
            return redirect("accounts:two_factor")
        return render(
            request,
            "accounts/two_factor_codes.html",
            {"codes": codes, "next": reverse("accounts:two_factor")},
        )
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enrolled": two_factor.is_enrolled(user),
            "required": two_factor.is_required(user),
            "codes_left": two_factor.recovery_codes_left(user),
        },
    )


@capability_required("can_manage_users")
@require_http_methods(["POST"])
def staff_two_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = request_user(request)
    target = get_staff_for_user(actor, user_id, write=True)
    try:
        two_factor.reset(actor=actor, user=target)
    except two_factor.TwoFactorError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Two-step sign-in was reset. They set it up again at their next sign-in.")
        )
    return redirect("accounts:staff_detail", user_id=target.pk)
