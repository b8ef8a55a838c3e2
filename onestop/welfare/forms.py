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


class RuleVersionForm(forms.Form):
    """A new version of a benefit's rule; conditions and amounts as JSON text, checked with the
    position of any error."""

    effective_from = forms.CharField(
        label=_("Effective from"), max_length=20, help_text=_("e.g. 01/10/2570")
    )
    effective_to = forms.CharField(label=_("Effective until"), max_length=20, required=False)
    source_title = forms.CharField(label=_("Source"), max_length=300)
    source_url = forms.URLField(label=_("Source address"), max_length=500, assume_scheme="https")
    verified_on = forms.CharField(label=_("Figures last verified on"), max_length=20)
    conditions = forms.CharField(
        label=_("Conditions (JSON)"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000
    )
    amounts = forms.CharField(
        label=_("Amounts (JSON)"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )

    def _date(self, name: str, required: bool = True) -> Any:
        from onestop.thai.dates import DateParseError, parse_date

        text = self.cleaned_data.get(name) or ""
        if not text:
            if required:
                raise forms.ValidationError(_("This field is required."))
            return None
        try:
            return parse_date(text)
        except DateParseError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_effective_from(self) -> Any:
        return self._date("effective_from")

    def clean_effective_to(self) -> Any:
        return self._date("effective_to", required=False)

    def clean_verified_on(self) -> Any:
        return self._date("verified_on")

    def _json(self, name: str) -> Any:
        import json

        text = self.cleaned_data.get(name) or ""
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Not valid JSON: line %(line)s, column %(col)s: %(msg)s")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ) from exc

    def clean_conditions(self) -> Any:
        return self._json("conditions")

    def clean_amounts(self) -> Any:
        return self._json("amounts")


class ContactMeForm(forms.Form):
    """Only when the person asks: their phone and consent, and the results go to the center as a
    help request. Without this, nothing of the self-check is kept."""

    contact_phone = forms.CharField(label=_("Your phone"), max_length=30)
    contact_consent = forms.BooleanField(
        label=_(
            "I agree that the center keeps these answers and my phone to contact me about these "
            "benefits (privacy notice of the help form)."
        )
    )

    def clean_contact_phone(self) -> str:
        from onestop.thai import phones

        try:
            return phones.normalise(self.cleaned_data["contact_phone"])
        except phones.InvalidPhone as exc:
            raise forms.ValidationError(str(exc)) from exc
