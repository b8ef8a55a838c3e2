"""The public self-check questionnaire: short, in plain Thai, every question optional ("not
sure" is an answer and gives "we need to know more")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.thai.dates import PartialDate
from onestop.welfare.facts import Facts

YES_NO = [("", _("Not sure")), ("yes", _("Yes")), ("no", _("No"))]


def _yn(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=YES_NO, required=False, widget=forms.RadioSelect)


class SelfCheckForm(forms.Form):
    birth = forms.CharField(
        label=_("Date of birth"),
        max_length=20,
        required=False,
        help_text=_("e.g. 15/03/2510, or only the year: 2510"),
    )
    thai = _yn(_("Do you have Thai nationality?"))
    registered = _yn(_("Is your name in a house registration in Thailand?"))
    pension = _yn(_("Do you receive a state pension or another monthly state benefit?"))
    disability_card = _yn(_("Do you hold a disability ID card?"))
    welfare_card = _yn(_("Do you hold a state welfare card?"))
    income = forms.IntegerField(
        label=_("Your own income per year (baht)"),
        min_value=0,
        max_value=100_000_000,
        required=False,
    )
    household_size = forms.IntegerField(
        label=_("How many people live in your household?"),
        min_value=1,
        max_value=50,
        required=False,
    )
    household_income = forms.IntegerField(
        label=_("Household income per year, everyone together (baht)"),
        min_value=0,
        max_value=1_000_000_000,
        required=False,
    )
    young_children = forms.IntegerField(
        label=_("How many Thai children under 6 do you raise at home?"),
        min_value=0,
        max_value=20,
        required=False,
    )
    hardship = _yn(
        _("Is your family in hardship now (no income, the earner died, fell ill or is in prison)?")
    )

    def clean_birth(self) -> PartialDate | None:
        text = self.cleaned_data["birth"]
        if not text:
            return None
        from django.core.exceptions import ValidationError as DjangoValidationError

        from onestop.persons import validation

        try:
            value = validation.birth_date(text)
        except DjangoValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return value

    def facts(self) -> Facts:
        d = self.cleaned_data

        def yn(name: str) -> bool | None:
            return {"yes": True, "no": False}.get(d.get(name) or "")

        thai = yn("thai")
        registered = yn("registered")
        return Facts(
            birth=d.get("birth"),
            nationality=None if thai is None else ("TH" if thai else "XX"),
            registered_subdistrict=None if registered is None else ("000000" if registered else ""),
            receives_pension=yn("pension"),
            has_disability_card=yn("disability_card"),
            holds_state_welfare_card=yn("welfare_card"),
            annual_income=d.get("income"),
            household_size=d.get("household_size"),
            household_income=d.get("household_income"),
            children_under_6=d.get("young_children"),
            in_hardship=yn("hardship"),
        )
