from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.core.forms import ThaiDateField, ThaiPhoneField
from onestop.volunteers import services
from onestop.volunteers.choices import DAY_LABELS, LANGUAGE_LABELS, SKILL_LABELS
from onestop.volunteers.models import Card, Volunteer, VolunteerType


class ApplicationForm(forms.Form):
    type = forms.ChoiceField(label=_("I want to be"), widget=forms.RadioSelect, choices=())
    title = forms.ChoiceField(label=_("Title"), choices=Volunteer.Title.choices, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        choices=[("TH", _("Thai")), ("XX", _("Other"))],
        initial="TH",
    )
    national_id = forms.CharField(
        label=_("National ID (13 digits)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    passport_number = forms.CharField(
        label=_("Passport or other ID (if not Thai)"), max_length=20, required=False
    )
    birth_date = ThaiDateField(label=_("Date of birth"), required=True)
    phone = ThaiPhoneField(label=_("Mobile phone"))
    email = forms.EmailField(label=_("Email"), required=False)
    line_id = forms.CharField(label=_("LINE ID"), max_length=60, required=False)
    address_text = forms.CharField(label=_("House number, village, road"), max_length=300)
    student_id = forms.CharField(label=_("Student ID"), max_length=20, required=False)
    faculty = forms.CharField(label=_("Faculty or school"), max_length=150, required=False)
    skills = forms.MultipleChoiceField(
        label=_("What can you help with?"),
        choices=list(SKILL_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=list(LANGUAGE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=["th"],
    )
    availability = forms.MultipleChoiceField(
        label=_("Days you are usually free"),
        choices=list(DAY_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability_note = forms.CharField(
        label=_("Anything else about when you are free"), max_length=200, required=False
    )
    emergency_name = forms.CharField(label=_("Emergency contact: name"), max_length=150)
    emergency_phone = ThaiPhoneField(label=_("Emergency contact: phone"))
    emergency_relation = forms.CharField(
        label=_("Relationship to you"), max_length=60, required=False
    )
    photo = forms.FileField(
        label=_("Photo for the ID card (face, plain background)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice above and agree to it."), required=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["type"]).choices = [
            (t.code, t.name) for t in VolunteerType.objects.filter(is_active=True)
        ]

    def to_input(self, home: str, area: str) -> services.ApplicationInput:
        d = self.cleaned_data
        return services.ApplicationInput(
            type_code=d["type"],
            title=d["title"],
            given_name=d["given_name"],
            family_name=d["family_name"],
            birth_date=d["birth_date"],
            phone=d["phone"],
            address_text=d["address_text"],
            home_subdistrict_code=home,
            area_subdistrict_code=area,
            emergency_name=d["emergency_name"],
            emergency_phone=d["emergency_phone"],
            consent=d["consent"],
            nationality=d["nationality"],
            national_id=d["national_id"],
            passport_number=d["passport_number"],
            email=d["email"],
            line_id=d["line_id"],
            emergency_relation=d["emergency_relation"],
            student_id=d["student_id"],
            faculty=d["faculty"],
            skills=d["skills"],
            languages=d["languages"],
            availability=d["availability"],
            availability_note=d["availability_note"],
        )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", _("Approve")),
            ("more_info", _("Ask for more information")),
            ("reject", _("Reject")),
        ],
    )
    registration_number = forms.CharField(
        label=_("Registration number issued by the department (NNNN/BE year)"),
        max_length=20,
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason or what is missing"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, volunteer: Volunteer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = services.TRANSITIONS.get(volunteer.status, set())
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            (c, label) for c, label in Volunteer.Status.choices if c in allowed
        ]


class OverrideForm(forms.Form):
    reason = forms.CharField(label=_("Why this check does not bar the volunteer"), max_length=500)


class TrainingForm(forms.Form):
    course_code = forms.CharField(label=_("Course code"), max_length=30)
    title = forms.CharField(label=_("Course"), max_length=200)
    hours = forms.DecimalField(label=_("Hours"), max_digits=6, decimal_places=1, min_value=0)
    completed_on = ThaiDateField(label=_("Completed on"), required=True)
    expires_on = ThaiDateField(label=_("Valid until (if it expires)"))
    certificate = forms.CharField(
        label=_("Certificate number or link"), max_length=200, required=False
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class CardActionForm(forms.Form):
    kind = forms.ChoiceField(choices=Card.Kind.choices)


class ListFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name, phone or registration number"), required=False, max_length=100
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *Volunteer.Status.choices], required=False
    )
    type = forms.ChoiceField(label=_("Type"), choices=(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["type"]).choices = [("", _("Any"))] + [
            (t.code, t.name) for t in VolunteerType.objects.all()
        ]


class VisitRequestForm(forms.Form):
    client = forms.ChoiceField(label=_("Who to visit"), choices=())
    address_text = forms.CharField(label=_("Address"), max_length=300)
    lat = forms.DecimalField(
        label=_("Latitude"),
        max_digits=9,
        decimal_places=6,
        required=False,
        min_value=-90,
        max_value=90,
    )
    lng = forms.DecimalField(
        label=_("Longitude"),
        max_digits=9,
        decimal_places=6,
        required=False,
        min_value=-180,
        max_value=180,
    )
    checklist = forms.CharField(
        label=_("What to check (one point a line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2500,
    )
    due = ThaiDateField(label=_("Visit by"), required=True)
    skills_needed = forms.MultipleChoiceField(
        label=_("Skills needed"),
        choices=list(SKILL_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language needed"),
        choices=[("", _("Thai is enough")), *LANGUAGE_LABELS.items()],
        required=False,
    )
    share_phone = forms.BooleanField(
        label=_("Give the volunteer the client's safe phone number"), required=False
    )

    def __init__(self, *args: Any, clients: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["client"]).choices = [
            (str(c.pk), c.person.full_name) for c in clients
        ]


class VisitAnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("1", _("Accept")), ("0", _("Decline"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("Why not (optional)"), max_length=300, required=False)


class PhoneTimeForm(forms.Form):
    """What the phone says about where and when: sent later when the phone was offline."""

    lat = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, min_value=-90, max_value=90
    )
    lng = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, min_value=-180, max_value=180
    )
    at = forms.DateTimeField(required=False, widget=forms.HiddenInput)
    submit_id = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)


class VisitReportForm(PhoneTimeForm):
    report = forms.CharField(
        label=_("What you saw and did"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    urgent = forms.BooleanField(
        label=_("Urgent: the social worker must act now (danger, no food, illness)"), required=False
    )


class HoursForm(forms.Form):
    day = ThaiDateField(label=_("Date"), required=True)
    hours = forms.DecimalField(label=_("Hours"), max_digits=4, decimal_places=2, min_value=0)
    activity = forms.CharField(label=_("What you did"), max_length=300)


class HoursDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Approve")), ("0", _("Decline"))], coerce=lambda v: v == "1"
    )
    note = forms.CharField(max_length=300, required=False)


class CertificateForm(forms.Form):
    start = ThaiDateField(label=_("From"), required=True)
    end = ThaiDateField(label=_("To"), required=True)
