from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from onestop.core.errors import StaleEdit
from onestop.thai import phones
from onestop.thai.dates import DateParseError, parse_date


class ThaiPhoneField(forms.CharField):
    """A phone number, cleaned to E.164 (+66...) or a 1xxx hotline; empty stays empty."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Phone"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text: str = super().clean(value)
        if not text:
            return ""
        try:
            return phones.normalise(text)
        except phones.InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc


class ThaiDateField(forms.CharField):
    """A full date typed the Thai way (15/03/2569, BE or CE); shown back in BE."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("e.g. 15/03/2569"))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_date(text)
        except DateParseError as exc:
            raise forms.ValidationError(str(exc)) from exc


def add_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


def flash_errors(request: HttpRequest, exc: Exception) -> None:
    """Show a service's refusal as messages on the next page (for actions without a form page):
    each message of a ValidationError, or a stale edit's "changed by someone, reload"."""
    if isinstance(exc, StaleEdit):
        messages.error(request, str(exc.message))
    elif isinstance(exc, ValidationError):
        for error in exc.messages:
            messages.error(request, error)


def post_action(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], object],
    success: str = "",
) -> bool:
    """An action posted from a list page (match, confirm, enrol…): check the form, run the
    service with its data, and say what happened as a message on the page it returns to."""
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        action(form.cleaned_data)
    except (ValidationError, StaleEdit) as exc:
        flash_errors(request, exc)
        return False
    if success:
        messages.success(request, success)
    return True
