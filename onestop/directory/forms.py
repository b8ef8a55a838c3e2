from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.core.forms import ThaiPhoneField
from onestop.directory.models import Organization, Program, Service, TaxonomyTerm
from onestop.geo.models import Province


class OrganizationForm(forms.Form):
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organization.Kind.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    phone = ThaiPhoneField()
    email = forms.EmailField(label=_("Email"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _problem_choices() -> list[tuple[str, str]]:
    top = TaxonomyTerm.objects.filter(
        taxonomy=TaxonomyTerm.Taxonomy.PROBLEM, parent__isnull=True
    ).order_by("code")
    return [("", str(_("Any problem")))] + [(t.code, t.name) for t in top]


def _province_choices() -> list[tuple[str, str]]:
    return [("", str(_("Anywhere")))] + [
        (p.code, p.name) for p in Province.objects.order_by("name_th")
    ]


class ServiceSearchForm(forms.Form):
    """The public directory's search: words, a problem, a province, open now."""

    q = forms.CharField(
        label=_("What help do you need?"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    problem = forms.ChoiceField(label=_("Problem"), required=False, choices=_problem_choices)
    province = forms.ChoiceField(label=_("Province"), required=False, choices=_province_choices)
    open_now = forms.BooleanField(label=_("Open now"), required=False)


DAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]


class HoursMixin(forms.Form):
    """One weekly opening rule (HSDS schedule); empty days means "no hours given"."""

    days = forms.MultipleChoiceField(
        label=_("Open on"), choices=DAY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.TimeField(label=_("Opens"), required=False, help_text=_("e.g. 08:30"))
    closes_at = forms.TimeField(label=_("Closes"), required=False, help_text=_("e.g. 16:30"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("days") and not (data.get("opens_at") and data.get("closes_at")):
            self.add_error("opens_at", _("Give the opening and closing times for those days."))
        if data.get("opens_at") and data.get("closes_at") and data["opens_at"] >= data["closes_at"]:
            self.add_error("closes_at", _("Closing time must be after opening time."))
        return data


class ServiceForm(HoursMixin):
    # What the service is first; its opening hours (from HoursMixin) after.
    field_order = [
        "name_th",
        "name_en",
        "description",
        "status",
        "program",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "fees_description",
        "application_process",
        "url",
        "email",
        "phone",
        "problems",
        "kinds",
        "documents",
        "provinces",
    ]
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(label=_("Status"), choices=Service.Status.choices)
    eligibility_description = forms.CharField(
        label=_("Who can use it"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    minimum_age = forms.IntegerField(
        label=_("Minimum age"), min_value=0, max_value=130, required=False
    )
    maximum_age = forms.IntegerField(
        label=_("Maximum age"), min_value=0, max_value=130, required=False
    )
    fees_description = forms.CharField(label=_("Fees"), max_length=500, required=False)
    application_process = forms.CharField(
        label=_("How to apply"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    url = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Email"), required=False)
    phone = ThaiPhoneField()
    program = forms.ModelChoiceField(
        label=_("Program"), queryset=Program.objects.none(), required=False
    )
    problems = forms.ModelMultipleChoiceField(
        label=_("Problems it helps with"),
        queryset=TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.PROBLEM),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kinds = forms.ModelMultipleChoiceField(
        label=_("Kinds of service"),
        queryset=TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.SERVICE_TYPE),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    documents = forms.CharField(
        label=_("Documents to bring"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("For people living in (provinces)"),
        queryset=Province.objects.order_by("name_th"),
        required=False,
        help_text=_("None chosen: anyone."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, organization: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organization is not None:
            self.fields["program"].queryset = organization.programs.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", _("The maximum age is below the minimum age."))
        return data


class LocationForm(HoursMixin):
    field_order = [
        "name",
        "description",
        "lat",
        "lng",
        "transportation",
        "confidential",
        "phone",
        "services",
    ]
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=1000, required=False)
    lat = forms.DecimalField(
        label=_("Latitude"),
        max_digits=9,
        decimal_places=6,
        min_value=5,
        max_value=21,
        required=False,
    )
    lng = forms.DecimalField(
        label=_("Longitude"),
        max_digits=9,
        decimal_places=6,
        min_value=97,
        max_value=106,
        required=False,
    )
    transportation = forms.CharField(label=_("How to get there"), max_length=300, required=False)
    confidential = forms.BooleanField(
        label=_("Confidential address (shelter): the public sees only the phone"), required=False
    )
    phone = ThaiPhoneField()
    services = forms.ModelMultipleChoiceField(
        label=_("Services given here"),
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organization: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organization is not None:
            self.fields["services"].queryset = organization.services.all()  # type: ignore[attr-defined]


class ProgramForm(forms.Form):
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), max_length=4000, required=False)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(label=_("Position"), max_length=200, required=False)
    department = forms.CharField(label=_("Department"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = ThaiPhoneField()
