from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onestop.core.forms import ThaiDateField
from onestop.privacy.models import Breach, DataRequest, RetentionRule

TIME = forms.TimeInput(attrs={"type": "time"})


def _at(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, time or dt.time(0, 0)))


class BreachForm(forms.Form):
    title = forms.CharField(label=_("What happened, in a line"), max_length=200)
    description = forms.CharField(label=_("What happened"), max_length=5000, widget=forms.Textarea)
    aware_on = ThaiDateField(label=_("Date the center became aware"))
    aware_time = forms.TimeField(
        label=_("Time the center became aware"), required=False, widget=TIME
    )
    occurred_on = ThaiDateField(label=_("Date it happened (if known)"))
    data_kinds = forms.CharField(label=_("Which personal data"), max_length=500, required=False)
    people_affected = forms.IntegerField(
        label=_("About how many people"), required=False, min_value=0, max_value=10_000_000
    )

    def result(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "description": d["description"],
            "aware_at": _at(d["aware_on"], d["aware_time"]),
            "occurred_at": _at(d["occurred_on"], None),
            "data_kinds": d["data_kinds"],
            "people_affected": d["people_affected"],
        }


class AssessForm(forms.Form):
    risk = forms.ChoiceField(
        label=_("Risk"), choices=[c for c in Breach.Risk.choices if c[0] != "unassessed"]
    )
    risk_reason = forms.CharField(label=_("Why this risk"), max_length=2000, widget=forms.Textarea)
    data_kinds = forms.CharField(label=_("Which personal data"), max_length=500, required=False)
    people_affected = forms.IntegerField(
        label=_("About how many people"), required=False, min_value=0, max_value=10_000_000
    )
    containment = forms.CharField(
        label=_("What was done to contain it"),
        max_length=2000,
        required=False,
        widget=forms.Textarea,
    )


class NotifiedForm(forms.Form):
    whom = forms.ChoiceField(
        label=_("Who was told"),
        choices=[("pdpc", _("The PDPC")), ("subjects", _("The people concerned"))],
    )
    on = ThaiDateField(label=_("Date"), required=True)
    time = forms.TimeField(label=_("Time"), widget=TIME)
    reference = forms.CharField(label=_("PDPC reference"), max_length=100, required=False)
    late_reason = forms.CharField(
        label=_("Reason for a late notification"), max_length=500, required=False
    )

    def at(self) -> dt.datetime | None:
        return _at(self.cleaned_data["on"], self.cleaned_data["time"])


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is asked"), choices=DataRequest.Kind.choices)
    requester_name = forms.CharField(label=_("Who asks"), max_length=200)
    requester_contact = forms.CharField(
        label=_("How to reach them"), max_length=200, help_text=_("Phone, email or address")
    )
    on_behalf = forms.CharField(
        label=_("Asking for someone else (relationship)"), max_length=100, required=False
    )
    details = forms.CharField(
        label=_("What they ask"), max_length=3000, required=False, widget=forms.Textarea
    )
    received_on = ThaiDateField(label=_("Received on"), help_text=_("Empty means today"))


class VerifyForm(forms.Form):
    method = forms.CharField(
        label=_("How identity was checked"),
        max_length=300,
        help_text=_("e.g. Thai ID card seen at the counter, matched to the record"),
    )
    person = forms.CharField(
        label=_("The person's code"), max_length=20, help_text=_("e.g. P-000123")
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DataRequest.Decision.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    withheld_cases = forms.CharField(
        label=_("Cases withheld"),
        max_length=500,
        required=False,
        help_text=_("Case numbers, separated by commas: parts that would endanger others"),
    )
    withheld_reason = forms.CharField(
        label=_("Why they are withheld"), max_length=500, required=False
    )


class RetentionForm(forms.Form):
    """One field per kind of record: months to keep."""

    def __init__(self, *args: Any, current: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in RetentionRule.Record.choices:
            self.fields[code] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=1200,
                initial=current[code],
                help_text=_("months"),
            )
