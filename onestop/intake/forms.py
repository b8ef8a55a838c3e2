from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.intake.models import Category, Contact, HelpRequest, RiskFlag, TargetGroup, Urgency
from onestop.intake.services import HelpRequestInput
from onestop.privacy import notices


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented recipe for several files in one field; content checks are in
    photos.clean_photo, called by the service so that the API gets the same checks."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def category_choices() -> list[tuple[str, Any]]:
    """Top-level categories in plain Thai words, for the public."""
    top = Category.objects.filter(parent__isnull=True, is_active=True).order_by("sort", "code")
    return [("", _("Not sure"))] + [(c.code, c.plain_th or c.name) for c in top]


class HelpForm(forms.Form):
    """The public help-request form: works without JavaScript, on a 390 px phone."""

    description = forms.CharField(
        label=_("What is happening?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_(
            "Who needs help, what happened, since when. You do not need to know the right words."
        ),
    )
    category = forms.ChoiceField(label=_("What kind of problem is it?"), choices=(), required=False)
    reporter_relationship = forms.ChoiceField(
        label=_("Who are you to the person who needs help?"),
        choices=HelpRequest.Relationship.choices,
        initial=HelpRequest.Relationship.SELF,
        widget=forms.RadioSelect,
    )
    reporter_anonymous = forms.BooleanField(label=_("I want to stay anonymous"), required=False)
    reporter_name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    reporter_phone = forms.CharField(
        label=_("Your phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    reporter_line_id = forms.CharField(label=_("Your LINE ID"), max_length=60, required=False)
    safe_to_contact = forms.ChoiceField(
        label=_("Is it safe for us to contact you?"),
        choices=[("yes", _("Yes")), ("no", _("No, someone else may see my phone or messages"))],
        initial="yes",
        widget=forms.RadioSelect,
    )
    subject_name = forms.CharField(
        label=_("Name of the person who needs help, or a description"),
        max_length=150,
        required=False,
    )
    subject_age = forms.IntegerField(
        label=_("Their approximate age"), min_value=0, max_value=130, required=False
    )
    subject_sex = forms.ChoiceField(
        label=_("Their sex"),
        choices=[("", _("Not sure")), *HelpRequest.Sex.choices],
        required=False,
    )
    address_text = forms.CharField(
        label=_("Where? A place, landmark or address"), max_length=300, required=False
    )
    lat = forms.DecimalField(
        required=False, widget=forms.HiddenInput, max_digits=9, decimal_places=6
    )
    lng = forms.DecimalField(
        required=False, widget=forms.HiddenInput, max_digits=10, decimal_places=6
    )
    photos = MultipleFileField(label=_("Photos (up to 3, optional)"), required=False)
    # Bots fill every field; people never see this one (hidden by CSS and from screen readers).
    website = forms.CharField(required=False, label=_("Leave this empty"))
    token = forms.CharField(widget=forms.HiddenInput)
    notice_version = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
            self.initial.setdefault("notice_version", notices.version("reporter"))

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def to_input(self, subdistrict_code: str, photos: list[Any]) -> HelpRequestInput:
        d = self.cleaned_data
        return HelpRequestInput(
            description=d["description"],
            channel=HelpRequest.Channel.WEB,
            category_code=d.get("category") or "",
            reporter_relationship=d["reporter_relationship"],
            reporter_anonymous=bool(d.get("reporter_anonymous")),
            reporter_name=d.get("reporter_name") or "",
            reporter_phone=d.get("reporter_phone") or "",
            reporter_line_id=d.get("reporter_line_id") or "",
            safe_to_contact=d.get("safe_to_contact") != "no",
            subject_name=d.get("subject_name") or "",
            subject_age=d.get("subject_age"),
            subject_sex=d.get("subject_sex") or "",
            subdistrict_code=subdistrict_code,
            address_text=d.get("address_text") or "",
            lat=d.get("lat"),
            lng=d.get("lng"),
            notice_version=d.get("notice_version") or "",
            photos=photos,
        )


class StatusForm(forms.Form):
    reference = forms.CharField(label=_("Reference number"), max_length=24)
    code = forms.CharField(label=_("Tracking code"), max_length=20)


class TriageForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True), required=False
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect
    )
    risk_flags = forms.MultipleChoiceField(
        label=_("Risk checklist"),
        choices=RiskFlag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=HelpRequest.Outcome.choices, widget=forms.RadioSelect
    )
    merge_into = forms.CharField(label=_("Merge into reference"), max_length=24, required=False)
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ContactForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[
            (HelpRequest.Channel.PHONE, _("Phone")),
            (HelpRequest.Channel.WALK_IN, _("Walk-in")),
        ],
        widget=forms.RadioSelect,
        initial=HelpRequest.Channel.PHONE,
    )
    call_type = forms.ChoiceField(
        label=_("Call type"), choices=Contact.CallType.choices, widget=forms.RadioSelect
    )
    earlier_reference = forms.CharField(
        label=_("Earlier reference (follow-ups)"), max_length=24, required=False
    )
    description = forms.CharField(
        label=_("What is happening? (new problems)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reporter_relationship = forms.ChoiceField(
        label=_("Caller is"),
        choices=HelpRequest.Relationship.choices,
        initial=HelpRequest.Relationship.SELF,
    )
    reporter_anonymous = forms.BooleanField(
        label=_("Caller wants to stay anonymous"), required=False
    )
    reporter_name = forms.CharField(label=_("Caller's name"), max_length=150, required=False)
    reporter_phone = forms.CharField(label=_("Caller's phone"), max_length=30, required=False)
    safe_to_contact = forms.BooleanField(label=_("Safe to call back"), required=False, initial=True)
    subject_name = forms.CharField(label=_("Person who needs help"), max_length=150, required=False)
    subject_age = forms.IntegerField(
        label=_("Approximate age"), min_value=0, max_value=130, required=False
    )
    address_text = forms.CharField(label=_("Where"), max_length=300, required=False)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def to_input(self, subdistrict_code: str) -> HelpRequestInput:
        d = self.cleaned_data
        return HelpRequestInput(
            description=d.get("description") or "",
            channel=d["channel"],
            reporter_relationship=d["reporter_relationship"],
            reporter_anonymous=bool(d.get("reporter_anonymous")),
            reporter_name=d.get("reporter_name") or "",
            reporter_phone=d.get("reporter_phone") or "",
            safe_to_contact=bool(d.get("safe_to_contact")),
            subject_name=d.get("subject_name") or "",
            subject_age=d.get("subject_age"),
            subdistrict_code=subdistrict_code,
            address_text=d.get("address_text") or "",
        )


class HandoffForm(forms.Form):
    note = forms.CharField(label=_("Hand-off note"), max_length=300)


WEEKDAYS = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
    ("7", _("Sunday")),
]


class CalendarForm(forms.Form):
    """Office hours and first-contact times, per center. Empty minutes: by the end of the day."""

    opens = forms.TimeField(
        label=_("Opens"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    closes = forms.TimeField(
        label=_("Closes"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    workdays = forms.MultipleChoiceField(
        label=_("Working days"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Urgency.choices:
            self.fields[f"minutes_{value}"] = forms.IntegerField(
                label=_("%(urgency)s: minutes to first contact") % {"urgency": label},
                required=False,
                min_value=1,
                help_text=_("Empty means: by the end of the working day."),
            )
            self.fields[f"working_{value}"] = forms.BooleanField(
                label=_("count working time only"), required=False
            )

    def policies(self) -> dict[str, tuple[int | None, bool]]:
        d = self.cleaned_data
        return {u: (d.get(f"minutes_{u}"), bool(d.get(f"working_{u}"))) for u in Urgency.values}


class ClosureForm(forms.Form):
    date = forms.CharField(label=_("Date"), max_length=40, help_text=_("e.g. 15/03/2569"))
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def clean_date(self) -> Any:
        from onestop.thai.dates import DateParseError, parse_date

        try:
            return parse_date(self.cleaned_data["date"])
        except DateParseError as exc:
            raise forms.ValidationError(str(exc)) from exc
