from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from onestop.core.forms import ThaiDateField, ThaiPhoneField
from onestop.giving.models import Donation, Need, Partner
from onestop.volunteers.models import Volunteer


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Partner.Kind.choices)
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)
    contact_phone = ThaiPhoneField(label=_("Contact phone"))


class DonationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Donation.Kind.choices)
    pledged = forms.BooleanField(label=_("Pledged, not received yet"), required=False)
    received_on = ThaiDateField(label=_("Date"), required=True)
    amount = forms.DecimalField(
        label=_("Amount (baht)"), max_digits=12, decimal_places=2, required=False
    )
    method = forms.ChoiceField(
        label=_("Method"), choices=[("", "—"), *Donation.Method.choices], required=False
    )
    item = forms.CharField(label=_("Item"), max_length=200, required=False)
    category = forms.ChoiceField(
        label=_("Need it meets"), choices=[("", "—"), *Need.Category.choices], required=False
    )
    quantity = forms.IntegerField(label=_("Quantity"), required=False)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    condition = forms.CharField(label=_("Condition"), max_length=100, required=False)
    stored_at = forms.CharField(label=_("Stored at"), max_length=200, required=False)
    hours = forms.DecimalField(
        label=_("Staff hours, each"), max_digits=7, decimal_places=1, required=False
    )
    volunteers = forms.ModelMultipleChoiceField(
        label=_("Staff who are registered volunteers (their hours are logged)"),
        queryset=Volunteer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, volunteers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if volunteers is not None:
            cast(forms.ModelMultipleChoiceField, self.fields["volunteers"]).queryset = volunteers


class NeedForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Need.Category.choices)
    description = forms.CharField(
        label=_("What is needed (no names: partners may read this)"), max_length=300
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=1000, initial=1)


class LotChoiceField(forms.ModelChoiceField[Donation]):
    def label_from_instance(self, obj: Any) -> str:
        left = getattr(obj, "left", obj.quantity)
        pledged = f" ({_('pledged')})" if obj.pledged else ""
        return f"{obj.item} · {obj.partner.name} · {left} {obj.unit}{pledged}"


class MatchForm(forms.Form):
    donation = LotChoiceField(label=_("From the gift"), queryset=Donation.objects.none())
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)

    def __init__(self, *args: Any, lots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["donation"]).queryset = lots


class HandoverForm(forms.Form):
    on = ThaiDateField(label=_("Handed over on"), required=True)
    confirmation = forms.CharField(
        label=_("Receiver's confirmation (name or signature reference)"), max_length=200
    )


class ReceiveForm(forms.Form):
    on = ThaiDateField(label=_("Received on"), required=True)
    method = forms.ChoiceField(
        label=_("Method"), choices=[("", "—"), *Donation.Method.choices], required=False
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = ThaiPhoneField(label=_("Phone"))
