from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.core.forms import ThaiPhoneField


class CenterForm(forms.Form):
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    phone = ThaiPhoneField()
    email = forms.EmailField(label=_("Email"), required=False)
    staffed_24h = forms.BooleanField(label=_("Staffed 24 hours"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
