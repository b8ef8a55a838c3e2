from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onestop.core.forms import ThaiDateField, ThaiPhoneField
from onestop.events.models import Course, Event
from onestop.events.services import EventInput, RegistrationInput
from onestop.volunteers.models import Volunteer


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Email (for your ticket)"), required=False)
    phone = ThaiPhoneField(label=_("Phone"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    accessibility = forms.CharField(
        label=_("Anything we should arrange for you (wheelchair access, sign language, …)"),
        max_length=300,
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice above and agree to it."), required=False
    )

    def to_input(self) -> RegistrationInput:
        return RegistrationInput(**self.cleaned_data)


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=Event.Kind.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    day = ThaiDateField(label=_("Date"), required=True)
    starts = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100_000)
    audience = forms.CharField(label=_("For whom"), max_length=200, required=False)
    organiser = forms.CharField(label=_("Organiser"), max_length=200)
    partners = forms.CharField(label=_("Partners"), max_length=300, required=False)
    course = forms.ModelChoiceField(
        label=_("Session of the course"), queryset=Course.objects.none(), required=False
    )

    def __init__(self, *args: Any, courses: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if courses is not None:
            cast(forms.ModelChoiceField, self.fields["course"]).queryset = courses

    def to_input(self) -> EventInput:
        d: dict[str, Any] = dict(self.cleaned_data)
        day: dt.date = d.pop("day")
        tz = timezone.get_current_timezone()
        starts = dt.datetime.combine(day, d.pop("starts"), tzinfo=tz)
        ends = dt.datetime.combine(day, d.pop("ends"), tzinfo=tz)
        return EventInput(starts_at=starts, ends_at=ends, **d)


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Ticket code or scanned link"), max_length=300)


class CourseForm(forms.Form):
    code = forms.CharField(label=_("Course code"), max_length=30)
    title = forms.CharField(label=_("Title"), max_length=200)
    outcomes = forms.CharField(
        label=_("Learning outcomes"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hours = forms.DecimalField(label=_("Hours"), max_digits=6, decimal_places=1, min_value=0)
    min_sessions = forms.IntegerField(
        label=_("Sessions to attend, at least"), min_value=1, max_value=100
    )
    pass_score = forms.IntegerField(
        label=_("Pass mark (out of 100), if assessed"), required=False, min_value=1, max_value=100
    )
    prerequisite = forms.CharField(
        label=_("Course that must be completed first (code)"), max_length=30, required=False
    )
    valid_years = forms.IntegerField(
        label=_("Completion valid for (years)"), required=False, min_value=1, max_value=50
    )


class EnrollForm(forms.Form):
    volunteer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Volunteer"), queryset=Volunteer.objects.none()
    )

    def __init__(self, *args: Any, volunteers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["volunteer"]).queryset = volunteers


class ScoreForm(forms.Form):
    score = forms.IntegerField(
        label=_("Assessment score"), required=False, min_value=0, max_value=100
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Overall, how was it?"),
        choices=[(str(n), str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    useful = forms.CharField(
        label=_("What was useful"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    improve = forms.CharField(
        label=_("What we should improve"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PersonEnrollForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    phone = ThaiPhoneField(label=_("Phone"))
    consent = forms.BooleanField(
        label=_("They have read the privacy notice and agree to it."), required=False
    )
