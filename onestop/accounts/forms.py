from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from onestop.accounts.capabilities import ROLES
from onestop.accounts.models import User
from onestop.centers.models import Team
from onestop.core.forms import ThaiPhoneField
from onestop.directory.models import Organization


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows now, or one recovery code."),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "one-time-code", "spellcheck": "false"}
        ),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=User.Language.choices)


def role_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, (label, _caps) in ROLES.items()]


class StaffForm(forms.Form):
    """Create or edit a staff account inside the admin's own center."""

    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[A-Za-z0-9_.@+-]{3,150}$",
        error_messages={"invalid": _("Use 3 or more letters, digits and . _ @ + -")},
    )
    name_prefix = forms.CharField(label=_("Prefix"), max_length=40, required=False)
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = ThaiPhoneField()
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    organization = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Organization.objects.filter(is_active=True),
        required=False,
        help_text=_("Only for partner staff."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=role_choices, widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the current password."),
    )
    is_active = forms.BooleanField(label=_("Account is active"), required=False, initial=True)

    def __init__(
        self, *args: Any, center_teams: Any, editing: User | None = None, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["team"].queryset = center_teams  # type: ignore[attr-defined]
        self.editing = editing
        # A center admin cannot hand out the cross-center role.
        roles = self.fields["roles"]
        assert isinstance(roles, forms.MultipleChoiceField)
        roles.choices = [c for c in role_choices() if c[0] != "system_admin"]
        if editing is not None:
            self.fields["username"].disabled = True
        else:
            self.fields["password"].required = True
            self.fields["password"].help_text = ""

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        clash = User.objects.filter(username__iexact=username)
        if self.editing is not None:
            clash = clash.exclude(pk=self.editing.pk)
        if clash.exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean_password(self) -> str:
        from django.contrib.auth.password_validation import validate_password

        value: str = self.cleaned_data.get("password", "")
        if value:
            validate_password(value, self.editing)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "partner_staff" in data.get("roles", []) and not data.get("organization"):
            self.add_error(
                "organization", _("Partner staff must be linked to a partner organisation.")
            )
        return data

    @staticmethod
    def initial_for(user: User) -> dict[str, Any]:
        return {
            "username": user.username,
            "name_prefix": user.name_prefix,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "position": user.position,
            "email": user.email,
            "phone": user.phone,
            "team": user.team_id,
            "organization": user.organization_id,
            "roles": list(Group.objects.filter(user=user).values_list("name", flat=True)),
            "is_active": user.is_active,
        }
