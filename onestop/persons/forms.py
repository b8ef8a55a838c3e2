"""Staff forms for the registry. Field rules come from persons.validation, shared with the API
and import_persons, so each bad input gets the same message everywhere."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onestop.core.forms import ThaiDateField, ThaiPhoneField
from onestop.persons import validation
from onestop.persons.models import HouseholdMembership, IdentityDocument, Person, Relationship
from onestop.persons.services import (
    PERSON_FIELDS,
    DocumentData,
    NewPerson,
    PhoneData,
    set_birth,
)
from onestop.thai import names
from onestop.thai.dates import format_date


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, nickname, ID, phone or person code"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


# The person fields the form edits as they are; the birth date, languages and addresses are
# converted on the way in and out (person_fields, initial_for).
DIRECT_FIELDS = [
    f
    for f in PERSON_FIELDS
    if f
    not in {
        "birth_date",
        "birth_precision",
        "age_estimated_on",
        "languages",
        "registered_address",
        "registered_subdistrict",
        "current_address",
        "current_subdistrict",
    }
]


class PersonForm(forms.Form):
    prefix = forms.ChoiceField(  # type: ignore[assignment]  # a field named like BaseForm.prefix
        label=_("Prefix"), choices=[("", "—"), *names.PREFIXES.items()], required=False
    )
    given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        help_text=_("If the name is unknown, describe the person (e.g. ชายสูงอายุ หน้าตลาด)."),
    )
    middle_name = forms.CharField(label=_("Middle name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    nickname = forms.CharField(label=_("Nickname"), max_length=50, required=False)
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        required=False,
        help_text=_("As written on the passport or card."),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=[("", "—"), *Person.Sex.choices], required=False
    )
    gender_identity = forms.CharField(label=_("Gender identity"), max_length=60, required=False)
    birth = forms.CharField(
        label=_("Birth date"),
        max_length=40,
        required=False,
        help_text=_("Day, month or year only: 15/03/2510, 03/2510 or 2510 (BE or CE)."),
    )
    age_estimate = forms.IntegerField(
        label=_("Estimated age"),
        min_value=0,
        max_value=130,
        required=False,
        help_text=_("When the birth date is not known."),
    )
    citizenship_status = forms.ChoiceField(
        label=_("Citizenship status"), choices=Person.Status.choices, initial="unknown"
    )
    nationality = forms.CharField(
        label=_("Nationality"), max_length=2, required=False, help_text=_("e.g. TH, MM, KH, LA")
    )
    languages = forms.CharField(
        label=_("Languages spoken"),
        max_length=200,
        required=False,
        help_text=_("Separated by commas, e.g. ไทย, พม่า"),
    )
    interpreter_needed = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    no_fixed_address = forms.BooleanField(label=_("No fixed address"), required=False)
    place_description = forms.CharField(
        label=_("Where they can be found"), max_length=300, required=False
    )
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
        help_text=_("Where a person with no fixed address is usually found (inside Thailand)."),
    )
    has_disability = forms.BooleanField(label=_("Has a disability"), required=False)
    disability_card = forms.BooleanField(label=_("Holds a disability card"), required=False)
    disability_type = forms.CharField(label=_("Type of disability"), max_length=100, required=False)
    identifying_marks = forms.CharField(
        label=_("Identifying marks"), max_length=300, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_birth(self) -> Any:
        try:
            return validation.birth_date(self.cleaned_data["birth"])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages[0]) from exc

    def clean_nationality(self) -> str:
        value: str = self.cleaned_data["nationality"].strip().upper()
        if value and not (len(value) == 2 and value.isalpha() and value.isascii()):
            raise forms.ValidationError(_("Use the two-letter country code, e.g. TH or MM."))
        return value

    def person_fields(self, registered: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        d = self.cleaned_data
        fields = {k: d[k] for k in DIRECT_FIELDS}
        fields["languages"] = [x.strip() for x in d["languages"].split(",") if x.strip()]
        set_birth(fields, d["birth"])
        if d["age_estimate"] is not None and d["birth"] is None:
            from django.utils import timezone

            fields["age_estimated_on"] = timezone.localdate()
        fields["registered_address"] = registered.get("line", "")
        fields["registered_subdistrict"] = registered.get("subdistrict")
        fields["current_address"] = current.get("line", "")
        fields["current_subdistrict"] = current.get("subdistrict")
        return fields

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        initial = {name: getattr(person, name) for name in (*DIRECT_FIELDS, "version")}
        initial["languages"] = ", ".join(person.languages or [])
        birth = person.partial_birth
        if birth is not None:
            anchor = birth.anchor
            be = anchor.year + 543
            initial["birth"] = {
                "day": f"{anchor.day:02d}/{anchor.month:02d}/{be}",
                "month": f"{anchor.month:02d}/{be}",
                "year": str(be),
            }[birth.precision.value]
        return initial


class NewPersonForm(PersonForm):
    national_id = forms.CharField(
        label=_("Thai or non-Thai ID number (13 digits)"),
        max_length=30,
        required=False,
        help_text=_("Leave empty if the person has no ID card."),
    )
    id_type = forms.ChoiceField(
        label=_("ID card type"),
        choices=[
            (IdentityDocument.Type.THAI_ID, IdentityDocument.Type.THAI_ID.label),
            (IdentityDocument.Type.NON_THAI_ID, IdentityDocument.Type.NON_THAI_ID.label),
        ],
        required=False,
    )
    phone = ThaiPhoneField()
    phone_safe = forms.BooleanField(
        label=_("Safe to call this number"),
        required=False,
        initial=True,
        help_text=_("Untick if someone who could harm the person may answer."),
    )
    duplicate_reason = forms.CharField(
        label=_("Reason to create a new record anyway"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    field_order = ["national_id", "id_type", "phone", "phone_safe"]

    def clean_national_id(self) -> str:
        try:
            return validation.national_id(self.cleaned_data["national_id"])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages[0]) from exc

    def new_person(self, registered: dict[str, Any], current: dict[str, Any]) -> NewPerson:
        d = self.cleaned_data
        documents = []
        if d["national_id"]:
            documents.append(
                DocumentData(doc_type=d["id_type"] or "thai_id", number=d["national_id"])
            )
        phones = [PhoneData(d["phone"], safe_to_contact=d["phone_safe"])] if d["phone"] else []
        return NewPerson(self.person_fields(registered, current), phones, documents)


class DocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Document type"), choices=IdentityDocument.Type.choices)
    number = forms.CharField(label=_("Number"), max_length=40)
    issuer = forms.CharField(label=_("Issued by"), max_length=120, required=False)
    expires_on = ThaiDateField(label=_("Expires on"))
    override_reason = forms.CharField(
        label=_("Reason, if the number cannot be checked"),
        max_length=500,
        required=False,
        help_text=_("Needed only when a 13-digit number fails the check digit."),
    )

    def data_object(self) -> DocumentData:
        d = self.cleaned_data
        return DocumentData(
            d["doc_type"], d["number"], d["issuer"], d["expires_on"], d["override_reason"]
        )


class PhoneForm(forms.Form):
    number = ThaiPhoneField(required=True)
    label = forms.CharField(label=_("Label"), max_length=40, required=False)
    safe_to_contact = forms.BooleanField(label=_("Safe to call"), required=False, initial=True)

    def data_object(self) -> PhoneData:
        d = self.cleaned_data
        return PhoneData(d["number"], d["label"], d["safe_to_contact"])


class RelationshipForm(forms.Form):
    kind = forms.ChoiceField(label=_("This person is the"), choices=Relationship.Kind.choices)
    other = forms.CharField(
        label=_("of (person code)"), max_length=20, help_text=_("e.g. P-7K3M9-QXD2A")
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class MembershipForm(forms.Form):
    household = forms.TypedChoiceField(label=_("Household"), coerce=int, required=False)
    new_household = forms.CharField(
        label=_("or a new household named"), max_length=200, required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=HouseholdMembership.Role.choices)
    start = ThaiDateField(label=_("Member since"))

    def __init__(
        self, *args: Any, households: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [("", "—"), *(households or [])]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("household") and not (data.get("new_household") or "").strip():
            raise forms.ValidationError(_("Choose a household or name a new one."))
        return data


class EndMembershipForm(forms.Form):
    end = ThaiDateField(label=_("Left on"), required=True)


class SensitiveForm(forms.Form):
    religion = forms.CharField(label=_("Religion"), max_length=60, required=False)
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=60, required=False)
    health_notes = forms.CharField(
        label=_("Health notes"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def show_date(value: Any) -> str:
    return format_date(value) if value else ""
