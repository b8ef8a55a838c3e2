from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from onestop.accounts import services
from onestop.accounts.access import get_staff_for_user, staff_for_user
from onestop.accounts.decorators import capability_required, login_required, public, request_user
from onestop.accounts.forms import LanguageForm, LoginForm, StaffForm
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
    return render(request, "accounts/staff_detail.html", {"target": target})


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
