from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.thai import phones


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
